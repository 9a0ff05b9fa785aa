import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OPERATOR_PUSHES, OPERATOR_REQUESTS, type SyncResult } from '../../src/protocol/operator-contract';
import { PATRON_PUSHES, PATRON_REQUESTS } from '../../src/protocol/patron-contract';
import type { PatronChatView } from '../../src/protocol/models';

/**
 * The clients' half of the contract walk (the server's half, every request
 * has a handler, is tests/integration/socket-contract.test.ts): every push in
 * a namespace's table has a listener in its client, and every request in it
 * is something the client sends. A fake socket.io-client records both.
 */
const wire = vi.hoisted(() => ({
  listened: new Set<string>(),
  sent: new Set<string>(),
  answer: (_event: string, _payload: unknown): unknown => ({ ok: false, error: { code: 'NOT_FOUND', message: '-' } }),
  sockets: [] as Array<{ fire(event: string, ...args: unknown[]): void; connect(): unknown }>,
}));

vi.mock('socket.io-client', () => ({
  io: () => {
    const handlers = new Map<string, Array<(...args: unknown[]) => void>>();
    const socket = {
      connected: false,
      active: false,
      io: { on: () => undefined },
      on(event: string, handler: (...args: unknown[]) => void) {
        wire.listened.add(event);
        handlers.set(event, [...(handlers.get(event) ?? []), handler]);
        return socket;
      },
      fire(event: string, ...args: unknown[]) {
        for (const handler of handlers.get(event) ?? []) handler(...args);
      },
      connect() {
        socket.connected = true;
        socket.fire('connect');
        return socket;
      },
      disconnect() {
        socket.connected = false;
        return socket;
      },
      emit(event: string) {
        wire.sent.add(event);
        return socket;
      },
      timeout: () => ({
        emitWithAck: (event: string, payload: unknown) => {
          wire.sent.add(event);
          return Promise.resolve(wire.answer(event, payload));
        },
      }),
    };
    wire.sockets.push(socket);
    return socket;
  },
}));

const { OperatorConnection } = await import('../../src/client/operator-connection');
const { PatronConnection } = await import('../../src/client/patron-connection');
const { ScreenshareWindowConnection } = await import('../../src/client/screenshare/screenshare-window-connection');

const SOCKET_LIFECYCLE = ['connect', 'connect_error', 'disconnect'];
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const synced: SyncResult = {
  me: { id: 'op-alice', username: 'alice', displayName: 'Alice', role: 'operator', departmentIds: [] },
  status: 'online',
  departments: [],
  questionTypes: [],
  patronFields: [],
  chats: [],
  missed: [],
};

const patronChat: PatronChatView = {
  id: 'chat-1',
  departmentName: 'General Reference',
  status: 'active',
  question: 'Where are the atlases?',
  operatorName: 'Alice',
  createdAt: 1,
  lastSeq: 0,
};

beforeEach(() => {
  wire.listened.clear();
  wire.sent.clear();
  wire.sockets.length = 0;
});

describe('the clients keep to the socket contract', () => {
  it('the operator console listens to every push of the /operator table', () => {
    const connection = new OperatorConnection();
    const pushes = Object.keys(OPERATOR_PUSHES);
    expect(pushes.filter((event) => !wire.listened.has(event))).toEqual([]);
    expect([...wire.listened].filter((event) => !pushes.includes(event) && !SOCKET_LIFECYCLE.includes(event))).toEqual(
      [],
    );
    connection.close();
  });

  it('the patron widget listens to every push of the /patron table', () => {
    const connection = new PatronConnection({
      url: '/patron',
      departmentId: 'general-reference',
      tokens: { read: () => null, write: () => undefined, clear: () => undefined },
    });
    const pushes = Object.keys(PATRON_PUSHES);
    expect(pushes.filter((event) => !wire.listened.has(event))).toEqual([]);
    expect([...wire.listened].filter((event) => !pushes.includes(event) && !SOCKET_LIFECYCLE.includes(event))).toEqual(
      [],
    );
    connection.close();
  });

  it('the operator console can send every request of the /operator table', async () => {
    wire.answer = (event) =>
      event === 'console:sync' ? { ok: true, data: synced } : { ok: false, error: { code: 'NOT_FOUND', message: '-' } };
    const connection = new OperatorConnection();
    connection.connect();
    await settle();
    expect(connection.state).toBe('connected');
    await Promise.all([
      connection.setStatus('away'),
      connection.preview('chat-1'),
      connection.claim('chat-1'),
      connection.end('chat-1'),
      connection.saveAnalytics({ chatId: 'chat-1', questionTypeId: 'qt-1', timeSpentMinutes: 5 }),
      connection.transcript('chat-1'),
      connection.endedChats(),
      connection.transfer({ chatId: 'chat-1', to: { kind: 'operator', id: 'op-bob' } }),
      connection.acceptTransfer('chat-1'),
      connection.declineTransfer('chat-1'),
      connection.leaveChat('chat-1'),
      connection.handBack(),
      connection.reassign('chat-1', 'op-2'),
      connection.takeOver('chat-1'),
      connection.deskOverview(),
      connection.watch('chat-1'),
      connection.whisper('chat-1', 'Try the tithe map.'),
      connection.staffNotes('chat-1'),
      connection.setColleagueStatus('op-bob', 'away'),
      connection.markFollowUpAnswered('follow-up-1'),
      connection.listOperators(),
      connection.openStaffChat('op-bob'),
      connection.staffHistory('staff-1'),
      connection.listStaffChats(),
      connection.listCanned(),
      connection.saveCanned({ scope: { kind: 'personal' }, shortcut: 'hours', body: 'We open at 9.' }),
      connection.deleteCanned('canned-1'),
      connection.searchTranscripts({ text: 'atlases', page: 1 }),
      connection.markRead({ kind: 'chat', id: 'chat-1', seq: 3 }),
      connection.markRead({ kind: 'staff', id: 'staff-1', seq: 1 }),
      connection.screenshare('screenshare:request', { chat: { kind: 'patron', id: 'chat-1' } }),
      connection.screenshare('screenshare:answer', { sessionId: 's-1', join: true }),
      connection.screenshare('screenshare:launch', { sessionId: 's-1' }),
      connection.screenshare('screenshare:rejoin', { sessionId: 's-1' }),
      connection.screenshare('screenshare:signal', { sessionId: 's-1', signal: { kind: 'restart' } }),
      connection.screenshare('screenshare:media', { sessionId: 's-1', sharing: true }),
      connection.screenshare('screenshare:end', { sessionId: 's-1' }),
    ]);
    connection.setTyping('chat-1', true);
    connection.send('chat-1', 'Hello');
    connection.sendStaff('staff-1', 'Hi Bob');
    await settle();
    const requests = Object.keys(OPERATOR_REQUESTS);
    expect(requests.filter((event) => !wire.sent.has(event))).toEqual([]);
    expect([...wire.sent].filter((event) => !requests.includes(event))).toEqual([]);
    connection.close();
  });

  it('the patron widget can send every request of the /patron table', async () => {
    wire.answer = (event) =>
      event === 'chat:start'
        ? { ok: true, data: { chat: patronChat, messages: [], resumeToken: 'token-1' } }
        : { ok: false, error: { code: 'NOT_FOUND', message: '-' } };
    let token: string | null = null;
    const connection = new PatronConnection({
      url: '/patron',
      departmentId: 'general-reference',
      tokens: { read: () => token, write: (value) => (token = value), clear: () => (token = null) },
    });
    wire.sockets[0]?.connect();
    await connection.loadConfig();
    await connection.start({ question: 'Where are the atlases?' });
    connection.send('Thanks');
    connection.setTyping(true);
    await connection.answerScreenshare('s-1', true, 'window-key-0123456789');
    await connection.endScreenshare('s-1');
    await connection.leaveFollowUp({ email: 'jo@example.org', question: 'Maps?' });
    await connection.leave();
    await connection.rate({ rating: 5, comment: 'Thanks' });
    // The resume runs on the next connect, with the token the start stored.
    wire.sockets[0]?.fire('connect');
    await settle();
    // The patron's screenshare window: its own connection, attaching on connect.
    const window = new ScreenshareWindowConnection({
      url: '/patron',
      sessionId: 's-1',
      windowKey: 'window-key-0123456789',
      attachRetry: { tries: 1, pauseMs: 1 },
    });
    wire.sockets.at(-1)?.connect();
    await settle();
    await window.signal({ kind: 'restart' });
    await window.media(false);
    await window.end();
    window.close();
    const requests = Object.keys(PATRON_REQUESTS);
    expect(requests.filter((event) => !wire.sent.has(event))).toEqual([]);
    expect([...wire.sent].filter((event) => !requests.includes(event))).toEqual([]);
    connection.close();
  });
});
