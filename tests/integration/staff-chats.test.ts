import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, nextEvent, recordEvents, settle, signIn } from '../support/clients';
import { messageId } from '../support/flows';
import { codeOf } from '../support/team-flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await addAccount(server, { username: 'carol', displayName: 'Carol', role: 'operator', departmentIds: [] });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

describe('staff chats', () => {
  it('Alice briefs Bob in their staff chat; both see the history after reconnecting', async () => {
    const alice = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    const opened = dataOf(await ask(alice.socket, 'staff:open', { operatorId: bob.me.id }));
    expect(opened.staffChat.members.map((member) => member.name).sort()).toEqual(['Alice', 'Bob']);
    expect(opened.messages).toEqual([]);

    const bobHears = nextEvent(bob.socket, 'staff:message');
    const sent = dataOf(
      await ask(alice.socket, 'staff:send', {
        staffChatId: opened.staffChat.id,
        id: messageId(),
        body: 'Can you take a harbour-maps patron?',
      }),
    );
    expect(await bobHears).toEqual(sent.message);
    // Sent again (an outbox retry): stored once.
    const again = dataOf(
      await ask(alice.socket, 'staff:send', { staffChatId: opened.staffChat.id, id: sent.message.id, body: 'x' }),
    );
    expect(again.message).toEqual(sent.message);
    dataOf(await ask(bob.socket, 'staff:send', { staffChatId: opened.staffChat.id, id: messageId(), body: 'Sure.' }));

    alice.socket.disconnect();
    bob.socket.disconnect();
    const bobAgain = await signIn(server.url, 'bob');
    const reopened = dataOf(await ask(bobAgain.socket, 'staff:open', { operatorId: alice.me.id }));
    expect(reopened.staffChat.id).toBe(opened.staffChat.id);
    expect(reopened.messages.map((message) => [message.seq, message.authorName, message.body])).toEqual([
      [1, 'Alice', 'Can you take a harbour-maps patron?'],
      [2, 'Bob', 'Sure.'],
    ]);
    expect(dataOf(await ask(bobAgain.socket, 'staff:list', {})).staffChats.map((chat) => chat.id)).toContain(
      opened.staffChat.id,
    );
  });

  it('supervisors list and read every staff chat; other operators cannot read or write in it', async () => {
    const alice = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    const { staffChat } = dataOf(await ask(alice.socket, 'staff:open', { operatorId: bob.me.id }));
    dataOf(await ask(alice.socket, 'staff:send', { staffChatId: staffChat.id, id: messageId(), body: 'Lunch at 1?' }));

    const sam = await signIn(server.url, 'sam');
    const all = dataOf(await ask(sam.socket, 'staff:list', { all: true })).staffChats;
    expect(all.map((chat) => chat.id)).toContain(staffChat.id);
    const read = dataOf(await ask(sam.socket, 'staff:history', { staffChatId: staffChat.id }));
    expect(read.messages.map((message) => message.body)).toContain('Lunch at 1?');
    // Having opened it, the supervisor hears the chat's new messages live.
    const samHears = nextEvent(sam.socket, 'staff:message');
    const reply = dataOf(
      await ask(bob.socket, 'staff:send', { staffChatId: staffChat.id, id: messageId(), body: 'Make it 1:30.' }),
    );
    expect(await samHears).toEqual(reply.message);

    // Opening another staff chat for review stops the live feed of the first.
    const carol = await signIn(server.url, 'carol');
    const carolChat = dataOf(await ask(carol.socket, 'staff:open', { operatorId: alice.me.id })).staffChat;
    dataOf(await ask(sam.socket, 'staff:history', { staffChatId: carolChat.id }));
    const samHeard = recordEvents(sam.socket, 'staff:message');
    dataOf(await ask(bob.socket, 'staff:send', { staffChatId: staffChat.id, id: messageId(), body: 'Or two.' }));
    const toCarol = dataOf(
      await ask(alice.socket, 'staff:send', { staffChatId: carolChat.id, id: messageId(), body: 'Hi Carol' }),
    );
    await settle(sam.socket);
    expect(samHeard).toEqual([toCarol.message]);
    expect(
      codeOf(await ask(sam.socket, 'staff:send', { staffChatId: staffChat.id, id: messageId(), body: 'Hi' })),
    ).toBe('NOT_FOUND');

    expect(codeOf(await ask(carol.socket, 'staff:list', { all: true }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(carol.socket, 'staff:history', { staffChatId: staffChat.id }))).toBe('NOT_FOUND');
    expect(
      codeOf(await ask(carol.socket, 'staff:send', { staffChatId: staffChat.id, id: messageId(), body: 'Hi' })),
    ).toBe('NOT_FOUND');
    expect(codeOf(await ask(carol.socket, 'staff:open', { operatorId: carol.me.id }))).toBe('BAD_REQUEST');
    expect(codeOf(await ask(carol.socket, 'staff:open', { operatorId: 'nobody' }))).toBe('NOT_FOUND');
  });
});
