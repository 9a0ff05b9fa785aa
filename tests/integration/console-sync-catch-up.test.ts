import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/protocol/limits';
import type { Message } from '../../src/protocol/models';
import { ask, closeAllClients, connectOperator, dataOf, login, recordEvents } from '../support/clients';
import { messageId, patronAsks, type StartedChat } from '../support/flows';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

/** The newest seq below which a view holds every message (what a careful client resyncs from). */
function contiguous(seqs: Iterable<number>): number {
  const held = new Set(seqs);
  let last = 0;
  while (held.has(last + 1)) last += 1;
  return last;
}

describe('console:sync catches a console up', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });
  afterEach(() => closeAllClients());

  it('a supervisor following many chats misses no message written while the console reconnects', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const chats: StartedChat[] = [];
    for (let index = 0; index < 20; index += 1) chats.push(await claimedChat(server.url, alice, `Question ${index}`));
    const sam = await login(server.url, 'sam');

    // Sam's view: every message seen per chat, by seq, from previews, syncs and live events.
    const seen = new Map<string, Set<number>>(chats.map((chat) => [chat.chatId, new Set<number>()]));
    const hold = (messages: readonly Message[]) => {
      for (const message of messages) seen.get(message.chatId)?.add(message.seq);
    };
    const first = await connectOperator(server.url, { token: sam.token });
    first.on('chat:message', (message) => hold([message]));
    for (const chat of chats) hold(dataOf(await ask(first, 'chat:preview', { chatId: chat.chatId })).messages);

    // Patrons keep writing while Sam's console drops and comes back again and again.
    let writing = true;
    const writers = chats.map(async (chat) => {
      while (writing) {
        const ack = await ask(chat.patron, 'chat:send', { id: messageId(), body: 'still here' });
        // Told to slow down (the per-socket limit), it backs off as the widget does: a client that
        // kept hammering would be disconnected, which is not what this test is about.
        if (!ack.ok) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    let socket = first;
    for (let round = 0; round < 8; round += 1) {
      socket.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 20));
      socket = await connectOperator(server.url, { token: sam.token });
      socket.on('chat:message', (message) => hold([message]));
      const lastSeqByChat = Object.fromEntries([...seen].map(([chatId, seqs]) => [chatId, contiguous(seqs)]));
      hold(dataOf(await ask(socket, 'console:sync', { lastSeqByChat })).missed);
      await new Promise((resolve) => setTimeout(resolve, 30));
      // After every sync the view has no hole: all it holds is contiguous.
      for (const [chatId, seqs] of seen) {
        expect({ round, chatId, upTo: contiguous(seqs) }).toEqual({ round, chatId, upTo: Math.max(0, ...seqs) });
      }
    }
    writing = false;
    await Promise.all(writers);
    // One last message per chat proves the live path is still on.
    for (const chat of chats) await ask(chat.patron, 'chat:send', { id: messageId(), body: 'last one' });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const stored = await server.storage.db
      .selectFrom('chats')
      .select(['id', 'last_seq'])
      .where(
        'id',
        'in',
        chats.map((chat) => chat.chatId),
      )
      .execute();
    for (const chat of stored) {
      // Everything up to the last message, with no hole left by a reconnect.
      expect({ chat: chat.id, upTo: contiguous(seen.get(chat.id) ?? []) }).toEqual({
        chat: chat.id,
        upTo: chat.last_seq,
      });
    }
  });

  it('a console that lists more chats than the server catches up is answered, and told which it skipped', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const mine = await claimedChat(server.url, alice, 'Mine to keep');
    const waiting = await patronAsks(server.url, { question: 'Still waiting' });
    const unknown = Array.from({ length: LIMITS.syncedChatsMax + 20 }, () => randomUUID());
    // Newest first, as the console lists them: the waiting chat, then a week of long-gone ones.
    const lastSeqByChat = Object.fromEntries([[waiting.chatId, 0], ...unknown.map((id) => [id, 3] as const)]);

    const sync = dataOf(await ask(alice.socket, 'console:sync', { lastSeqByChat }));
    expect(sync.chats.map((chat) => chat.id)).toEqual(expect.arrayContaining([mine.chatId, waiting.chatId]));
    expect(new Set(sync.unsynced)).toEqual(new Set(unknown));
    expect(sync.missed.some((message) => message.chatId === waiting.chatId)).toBe(false);
  });

  it('a chat the operator may no longer see is not caught up but named as skipped', async () => {
    await addAccount(server, {
      username: 'rita',
      displayName: 'Rita Research',
      role: 'operator',
      departmentIds: ['research-help'],
    });
    const rita = await onlineOperator(server.url, 'rita');
    const elsewhere = await patronAsks(server.url, { question: 'A general question' });
    await ask(elsewhere.patron, 'chat:send', { id: messageId(), body: 'hello?' });

    const sync = dataOf(await ask(rita.socket, 'console:sync', { lastSeqByChat: { [elsewhere.chatId]: 0 } }));
    expect(sync.unsynced).toEqual([elsewhere.chatId]);
    expect(sync.missed).toEqual([]);
  });

  it('a chat that ended while the console was away comes with its last words, and is not followed', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const chat = await claimedChat(server.url, alice, 'Quick one');
    const bob = await onlineOperator(server.url, 'bob');
    dataOf(await ask(bob.socket, 'chat:preview', { chatId: chat.chatId }));
    bob.socket.disconnect();
    await ask(chat.patron, 'chat:send', { id: messageId(), body: 'Thanks, bye!' });
    dataOf(await ask(alice.socket, 'chat:end', { chatId: chat.chatId }));

    const back = await connectOperator(server.url, { token: bob.token });
    const heard = recordEvents(back, 'chat:message');
    const sync = dataOf(await ask(back, 'console:sync', { lastSeqByChat: { [chat.chatId]: 0 } }));
    expect(sync.missed.map((message) => message.body)).toContain('Thanks, bye!');
    expect(sync.unsynced).toEqual([]);
    const sockets = await server.server.io.of('/operator').in(`chat:${chat.chatId}`).fetchSockets();
    expect(sockets.map((socket) => socket.id)).not.toContain(back.id);
    expect(heard).toEqual([]);
  });
});
