import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/protocol/limits';
import {
  ask,
  askRaw,
  closeAllClients,
  connectPatron,
  dataOf,
  nextEvent,
  settle,
  signIn,
  type SignedInOperator,
} from '../support/clients';
import { messageId, patronAsks, type StartedChat } from '../support/flows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let alice: SignedInOperator;
let chat: StartedChat;

const raw = (socket: unknown) => socket as Socket;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

/** A claimed chat with a little history, so there is stored data that bad input must not touch. */
async function chatInProgress(): Promise<void> {
  alice = await signIn(server.url, 'alice');
  chat = await patronAsks(server.url, { name: 'Pat' });
  dataOf(await ask(alice.socket, 'chat:claim', { chatId: chat.chatId }));
  dataOf(await ask(chat.patron, 'chat:send', { id: messageId(), body: 'first' }));
  dataOf(await ask(alice.socket, 'chat:send', { chatId: chat.chatId, id: messageId(), body: 'second' }));
}

/** After the bad input: the server still answers everyone, and a whole new chat still works. */
async function serverStillServesEveryone(): Promise<void> {
  dataOf(await ask(alice.socket, 'console:sync', {}));
  const other = await patronAsks(server.url, { question: 'Still there?' });
  const bob = await signIn(server.url, 'bob');
  dataOf(await ask(bob.socket, 'chat:claim', { chatId: other.chatId }));
  const heard = nextEvent(other.patron, 'chat:message', (message) => message.body === 'Yes!');
  dataOf(await ask(bob.socket, 'chat:send', { chatId: other.chatId, id: messageId(), body: 'Yes!' }));
  await heard;
}

describe('bad input is refused clearly and changes nothing', () => {
  it('an unknown event gets BAD_REQUEST naming it, on both namespaces', async () => {
    await chatInProgress();
    const before = await server.snapshot();
    const operatorAck = await askRaw(raw(alice.socket), 'chat:delete-everything', { chatId: chat.chatId });
    expect(operatorAck).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('chat:delete-everything') },
    });
    const patronAck = await askRaw(raw(chat.patron), 'chat:transfer', {});
    expect(patronAck.ok === false && patronAck.error.code).toBe('BAD_REQUEST');
    expect(await server.snapshot()).toEqual(before);
    await serverStillServesEveryone();
  });

  it('operator actions sent from a patron socket are unknown there', async () => {
    await chatInProgress();
    const before = await server.snapshot();
    for (const event of [
      'chat:claim',
      'chat:end',
      'console:sync',
      'status:set',
      'chat:transcript',
      'chat:save-analytics',
    ]) {
      const ack = await askRaw(raw(chat.patron), event, { chatId: chat.chatId, status: 'online' });
      expect(ack.ok === false && ack.error.code, event).toBe('BAD_REQUEST');
    }
    // The patron cannot write in another chat by naming it: its socket knows only its own.
    const other = await patronAsks(server.url);
    const sent = dataOf(
      await ask(other.patron, 'chat:send', { id: messageId(), body: 'mine', chatId: chat.chatId } as never),
    );
    expect(sent.message.chatId).toBe(other.chatId);
    const after = await server.snapshot();
    expect(after.messages.filter((row) => (row as { chat_id: string }).chat_id === chat.chatId)).toEqual(
      before.messages.filter((row) => (row as { chat_id: string }).chat_id === chat.chatId),
    );
    await serverStillServesEveryone();
  });

  it('payloads of the wrong type are refused with a message naming the field', async () => {
    await chatInProgress();
    const before = await server.snapshot();
    const cases: Array<[Socket, string, unknown, string]> = [
      [raw(alice.socket), 'chat:send', { chatId: chat.chatId, id: messageId(), body: 42 }, 'body'],
      [raw(alice.socket), 'chat:send', { chatId: { $ne: null }, id: messageId(), body: 'hi' }, 'chatId'],
      [raw(alice.socket), 'chat:send', { chatId: chat.chatId, body: 'no id' }, 'id'],
      [raw(alice.socket), 'chat:send', { chatId: chat.chatId, id: messageId(), body: '   ' }, 'body'],
      [raw(alice.socket), 'chat:claim', 'not an object', 'chat:claim'],
      [raw(alice.socket), 'chat:end', null, 'chat:end'],
      [raw(alice.socket), 'console:sync', { lastSeqByChat: { [chat.chatId]: -1 } }, 'lastSeqByChat'],
      [raw(alice.socket), 'chats:ended', { limit: 10_000 }, 'limit'],
      [raw(chat.patron), 'chat:send', { id: messageId(), body: ['an', 'array'] }, 'body'],
      [raw(chat.patron), 'chat:start', { departmentId: 'general-reference', question: '' }, 'question'],
      [
        raw(chat.patron),
        'chat:start',
        { departmentId: 'general-reference', question: 'Hi', email: 'not-an-email' },
        'email',
      ],
      [raw(chat.patron), 'chat:resume', { resumeToken: 'short' }, 'resumeToken'],
      [raw(chat.patron), 'widget:config', {}, 'departmentId'],
    ];
    for (const [socket, event, payload, field] of cases) {
      const ack = await askRaw(socket, event, payload);
      expect(ack.ok, `${event} ${JSON.stringify(payload)}`).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe('BAD_REQUEST');
        expect(ack.error.message).toContain(field);
      }
    }
    // A request with no payload at all, only the callback.
    const bare = await askRaw(raw(alice.socket), 'chat:claim');
    expect(bare.ok === false && bare.error.code).toBe('BAD_REQUEST');
    expect(await server.snapshot()).toEqual(before);
    await serverStillServesEveryone();
  });

  it('a message over the size limit is refused with MESSAGE_TOO_LONG and not stored', async () => {
    await chatInProgress();
    const before = await server.snapshot();
    const long = 'x'.repeat(LIMITS.messageMaxLength + 1);
    const fromOperator = await ask(alice.socket, 'chat:send', { chatId: chat.chatId, id: messageId(), body: long });
    expect(fromOperator.ok === false && fromOperator.error.code).toBe('MESSAGE_TOO_LONG');
    const fromPatron = await ask(chat.patron, 'chat:send', { id: messageId(), body: long });
    expect(fromPatron.ok === false && fromPatron.error.code).toBe('MESSAGE_TOO_LONG');
    // Exactly at the limit is fine.
    dataOf(await ask(chat.patron, 'chat:send', { id: messageId(), body: 'y'.repeat(LIMITS.messageMaxLength) }));
    const after = await server.snapshot();
    expect(after.messages).toHaveLength(before.messages.length + 1);
    await serverStillServesEveryone();
  });

  it('claiming or ending a chat that does not exist is CHAT_NOT_FOUND', async () => {
    await chatInProgress();
    const before = await server.snapshot();
    for (const event of ['chat:claim', 'chat:end', 'chat:preview', 'chat:transcript'] as const) {
      const ack = await ask(alice.socket, event, { chatId: 'no-such-chat' });
      expect(ack.ok === false && ack.error.code, event).toBe('CHAT_NOT_FOUND');
    }
    const send = await ask(alice.socket, 'chat:send', { chatId: 'no-such-chat', id: messageId(), body: 'hello?' });
    expect(send.ok === false && send.error.code).toBe('CHAT_NOT_FOUND');
    expect(await server.snapshot()).toEqual(before);
  });

  it('reusing a message id of someone else in the chat is refused, not overwritten', async () => {
    await chatInProgress();
    const patronMessage = dataOf(await ask(chat.patron, 'chat:send', { id: messageId(), body: 'original' })).message;
    const before = await server.snapshot();
    const ack = await ask(alice.socket, 'chat:send', { chatId: chat.chatId, id: patronMessage.id, body: 'overwrite' });
    expect(ack.ok === false && ack.error.code).toBe('BAD_REQUEST');
    expect(await server.snapshot()).toEqual(before);
  });

  it('requests without an ack callback do not disturb the server', async () => {
    await chatInProgress();
    const before = await server.snapshot();
    raw(alice.socket).emit('chat:claim', { chatId: 'no-such-chat' });
    raw(alice.socket).emit('console:sync');
    raw(alice.socket).emit('made:up', 1, 2, 3);
    raw(chat.patron).emit('chat:send', { body: 'no id and no callback' });
    await settle(alice.socket);
    await settle(chat.patron);
    expect(await server.snapshot()).toEqual(before);
    await serverStillServesEveryone();
  });

  it('a packet far over the size limit closes only that connection', async () => {
    await chatInProgress();
    const before = await server.snapshot();
    const intruder = await connectPatron(server.url);
    const closed = new Promise((resolve) => intruder.once('disconnect', resolve));
    raw(intruder).emit('chat:start', { departmentId: 'general-reference', question: 'z'.repeat(300_000) });
    await closed;
    expect(await server.snapshot()).toEqual(before);
    await serverStillServesEveryone();
  });
});

describe('a socket sending too fast', () => {
  it('is told RATE_LIMITED once it is over its limit, and what it sent over the limit is not stored', async () => {
    const limited = await startTestServer({ socketRateLimit: { burst: 5, perSecond: 0.001 } });
    try {
      const { patron, chatId } = await patronAsks(limited.url); // uses 1 of the 5
      const acks = await Promise.all(
        Array.from({ length: 8 }, (_, index) => ask(patron, 'chat:send', { id: messageId(), body: `flood ${index}` })),
      );
      expect(acks.filter((ack) => ack.ok)).toHaveLength(4);
      expect(acks.filter((ack) => !ack.ok).every((ack) => !ack.ok && ack.error.code === 'RATE_LIMITED')).toBe(true);
      const stored = (await limited.snapshot()).messages.filter(
        (row) => (row as { chat_id: string }).chat_id === chatId,
      );
      expect(stored).toHaveLength(4);
      // Other sockets have their own allowance.
      const calm = await patronAsks(limited.url, { question: 'A calm question' });
      dataOf(await ask(calm.patron, 'chat:send', { id: messageId(), body: 'hello' }));
    } finally {
      closeAllClients();
      await limited.close();
    }
  });
});
