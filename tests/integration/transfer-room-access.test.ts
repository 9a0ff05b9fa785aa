import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, recordEvents, settle } from '../support/clients';
import { messageId } from '../support/flows';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

describe('who keeps following a chat after it moves to another department', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    // Gail monitors General Reference only; Bob (demo) monitors both departments.
    await addAccount(server, {
      username: 'gail',
      displayName: 'Gail General',
      role: 'operator',
      departmentIds: ['general-reference'],
    });
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });
  afterEach(() => closeAllClients());

  it('an operator who previewed it in the old department stops hearing its messages; one who still monitors it keeps hearing them', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const gail = await onlineOperator(server.url, 'gail');
    const bob = await onlineOperator(server.url, 'bob');
    const chat = await claimedChat(server.url, alice, 'A question for the research desk');
    dataOf(await ask(gail.socket, 'chat:preview', { chatId: chat.chatId }));
    dataOf(await ask(bob.socket, 'chat:preview', { chatId: chat.chatId }));

    dataOf(
      await ask(alice.socket, 'chat:transfer', {
        chatId: chat.chatId,
        to: { kind: 'department', id: 'research-help' },
      }),
    );
    const heardByGail = recordEvents(gail.socket, 'chat:message');
    const heardByBob = recordEvents(bob.socket, 'chat:message');
    dataOf(await ask(chat.patron, 'chat:send', { id: messageId(), body: 'My library card number is 12345' }));
    await settle(gail.socket);
    await settle(bob.socket);

    // The line saying it was transferred may still be on its way to her; the patron's words are not.
    const patronWords = (heard: typeof heardByBob) =>
      heard.filter((message) => message.authorKind === 'patron').map((message) => message.body);
    expect(patronWords(heardByGail)).toEqual([]);
    expect(patronWords(heardByBob)).toEqual(['My library card number is 12345']);
    // Gail's socket left the chat's room; Alice (now in the group chat) and Bob still follow it.
    const followers = await server.server.io.of('/operator').in(`chat:${chat.chatId}`).fetchSockets();
    const accounts = followers.map((socket) => (socket.data as { accountId: string }).accountId);
    expect(accounts).not.toContain(gail.me.id);
    expect(accounts).toEqual(expect.arrayContaining([alice.me.id, bob.me.id]));
  });
});
