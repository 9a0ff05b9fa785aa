import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, nextEvent, recordEvents, settle, signIn } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { claimedChat, codeOf } from '../support/team-flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // Monitors Research Help only: General Reference's chats are not hers to see.
  await addAccount(server, {
    username: 'rita',
    displayName: 'Rita',
    role: 'operator',
    departmentIds: ['research-help'],
  });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

/** The patron writes `count` messages; resolves once all are stored. */
async function patronWrites(patron: Awaited<ReturnType<typeof patronAsks>>['patron'], count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    dataOf(await ask(patron, 'chat:send', { id: messageId(), body: `Message ${index + 1}` }));
  }
}

describe('read marks', () => {
  it('a librarian’s read mark is stored, never goes back, and never runs ahead of the chat', async () => {
    const alice = await signIn(server.url, 'alice');
    const { patron, chatId } = await claimedChat(server.url, alice);
    await patronWrites(patron, 3);
    const { lastSeq } = dataOf(await ask(alice.socket, 'chat:preview', { chatId })).chat;

    expect(dataOf(await ask(alice.socket, 'chat:read', { chatId, seq: lastSeq - 1 }))).toEqual({
      kind: 'chat',
      id: chatId,
      seq: lastSeq - 1,
    });
    // A late, older mark (another window, a slow connection) leaves the newer one.
    expect(dataOf(await ask(alice.socket, 'chat:read', { chatId, seq: 1 })).seq).toBe(lastSeq - 1);
    // A mark past the newest message stops at it.
    expect(dataOf(await ask(alice.socket, 'chat:read', { chatId, seq: lastSeq + 50 })).seq).toBe(lastSeq);
    expect(dataOf(await ask(alice.socket, 'chat:read', { chatId, seq: 0 })).seq).toBe(lastSeq);
  });

  it('the marks come back in console:sync after a reconnect, for chats and staff chats', async () => {
    const alice = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    const { patron, chatId } = await claimedChat(server.url, alice);
    await patronWrites(patron, 2);
    const { staffChat } = dataOf(await ask(bob.socket, 'staff:open', { operatorId: alice.me.id }));
    dataOf(await ask(bob.socket, 'staff:send', { staffChatId: staffChat.id, id: messageId(), body: 'Briefing.' }));
    dataOf(await ask(bob.socket, 'staff:send', { staffChatId: staffChat.id, id: messageId(), body: 'And more.' }));

    dataOf(await ask(alice.socket, 'chat:read', { chatId, seq: 2 }));
    dataOf(await ask(alice.socket, 'staff:read', { staffChatId: staffChat.id, seq: 1 }));
    alice.socket.disconnect();

    const again = await signIn(server.url, 'alice');
    const { readMarks } = dataOf(await ask(again.socket, 'console:sync', {}));
    expect(readMarks).toEqual(
      expect.arrayContaining([
        { kind: 'chat', id: chatId, seq: 2 },
        { kind: 'staff', id: staffChat.id, seq: 1 },
      ]),
    );
    // Bob has read nothing of Alice's chat: marks are per account.
    const bobSync = dataOf(await ask(bob.socket, 'console:sync', {}));
    expect(bobSync.readMarks?.filter((mark) => mark.id === chatId)).toEqual([]);
  });

  it('a mark set in one window reaches the account’s other windows, not a colleague’s', async () => {
    const alice = await signIn(server.url, 'alice');
    const aliceAtHome = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    const { patron, chatId } = await claimedChat(server.url, alice);
    await patronWrites(patron, 1);
    const { lastSeq } = dataOf(await ask(alice.socket, 'chat:preview', { chatId })).chat;

    const atHome = nextEvent(aliceAtHome.socket, 'reads:marked');
    const inThisWindow = recordEvents(alice.socket, 'reads:marked');
    const bobHeard = recordEvents(bob.socket, 'reads:marked');
    dataOf(await ask(alice.socket, 'chat:read', { chatId, seq: lastSeq }));
    expect(await atHome).toEqual({ kind: 'chat', id: chatId, seq: lastSeq });

    const { staffChat } = dataOf(await ask(alice.socket, 'staff:open', { operatorId: bob.me.id }));
    const { message } = dataOf(
      await ask(bob.socket, 'staff:send', { staffChatId: staffChat.id, id: messageId(), body: 'Hello' }),
    );
    const staffAtHome = nextEvent(aliceAtHome.socket, 'reads:marked', (mark) => mark.kind === 'staff');
    dataOf(await ask(alice.socket, 'staff:read', { staffChatId: staffChat.id, seq: message.seq }));
    expect(await staffAtHome).toEqual({ kind: 'staff', id: staffChat.id, seq: message.seq });

    await settle(alice.socket);
    await settle(bob.socket);
    // The asking window has its answer; the colleague hears nothing of her reading.
    expect(inThisWindow).toEqual([]);
    expect(bobHeard).toEqual([]);
  });

  it('marks are refused for a chat the librarian may not see and for someone else’s staff chat', async () => {
    const rita = await signIn(server.url, 'rita');
    const alice = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    const { chatId } = await patronAsks(server.url, { departmentId: 'general-reference' });
    expect(codeOf(await ask(rita.socket, 'chat:read', { chatId, seq: 1 }))).toBe('NOT_IN_DEPARTMENT');
    expect(codeOf(await ask(rita.socket, 'chat:read', { chatId: 'no-such-chat', seq: 1 }))).toBe('CHAT_NOT_FOUND');

    const { staffChat } = dataOf(await ask(alice.socket, 'staff:open', { operatorId: bob.me.id }));
    expect(codeOf(await ask(rita.socket, 'staff:read', { staffChatId: staffChat.id, seq: 0 }))).toBe('NOT_FOUND');
    // A bad mark names what was wrong.
    const bad = await ask(alice.socket, 'chat:read', { chatId, seq: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('seq') } });
    // Nothing was stored for Rita.
    const { readMarks } = dataOf(await ask(rita.socket, 'console:sync', {}));
    expect(readMarks).toEqual([]);
  });
});
