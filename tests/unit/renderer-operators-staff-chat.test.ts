import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorConnection } from '../../src/client/operator-connection';
import { fail, ok } from '../../src/protocol/ack';
import type { OperatorPresence, OperatorProfile, StaffChat, StaffMessage } from '../../src/protocol/models';
import type { OperatorClientEvents, OperatorServerEvents } from '../../src/protocol/operator-contract';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import { colleaguesOf } from '../../renderer/store/operators-slice';
import { fakeApi, RecordingBridge, until } from './renderer-test-kit';

/**
 * A tiny real socket.io server speaking the Operators list and staff chat part
 * of the `/operator` contract: it stores a staff message id once, can swallow
 * one acknowledgement, and lets a test push presence changes.
 */
interface StaffServer {
  url: string;
  presence(operator: OperatorPresence): void;
  /** Pushes a raw payload as `operators:presence` (a misbehaving server). */
  rawPresence(payload: unknown): void;
  stored(): StaffMessage[];
  swallowAckFor(body: string): void;
  dropConnections(): void;
  close(): Promise<void>;
}

const PROFILES: Record<string, OperatorProfile> = {
  'alice-token': { id: 'op-alice', username: 'alice', displayName: 'Alice', role: 'operator', departmentIds: [] },
  'bob-token': { id: 'op-bob', username: 'bob', displayName: 'Bob', role: 'operator', departmentIds: [] },
};

const presenceOf = (profile: OperatorProfile, status: OperatorPresence['status']): OperatorPresence => ({
  id: profile.id,
  displayName: profile.displayName,
  role: profile.role,
  status,
  connected: status !== 'offline',
  departmentIds: [],
});

type StaffSocket = Socket<OperatorClientEvents, OperatorServerEvents, Record<string, never>, { me: OperatorProfile }>;

async function startStaffServer(): Promise<StaffServer> {
  const http = createServer();
  const io = new Server(http);
  const operators = io.of('/operator');
  const messages: StaffMessage[] = [];
  const swallow = new Set<string>();
  const chat: StaffChat = {
    id: 'staff-1',
    members: [
      { id: 'op-alice', name: 'Alice' },
      { id: 'op-bob', name: 'Bob' },
    ],
    createdAt: 1,
    lastSeq: 0,
    lastMessageAt: null,
  };
  const zed: OperatorProfile = { id: 'op-zed', username: 'zed', displayName: 'Zed', role: 'admin', departmentIds: [] };

  operators.use((socket, next) => {
    const me = PROFILES[(socket.handshake.auth as { token?: string }).token ?? ''];
    if (!me) return next(new Error('UNAUTHORIZED'));
    socket.data.me = me;
    next();
  });
  operators.on('connection', (raw) => {
    const socket = raw as StaffSocket;
    void socket.join('staff');
    socket.on('console:sync', (_request, ack) =>
      ack(
        ok({
          me: socket.data.me,
          status: 'online',
          departments: [],
          questionTypes: [],
          patronFields: [],
          chats: [],
          missed: [],
          operators: [
            presenceOf(zed, 'offline'),
            presenceOf(PROFILES['bob-token']!, 'online'),
            presenceOf(PROFILES['alice-token']!, 'online'),
          ],
        }),
      ),
    );
    socket.on('staff:open', (request, ack) =>
      request.operatorId === 'op-bob' || request.operatorId === 'op-alice'
        ? ack(ok({ staffChat: { ...chat }, messages: [...messages] }))
        : ack(fail('NOT_FOUND', 'No such colleague.')),
    );
    socket.on('staff:history', (request, ack) =>
      ack(ok({ staffChat: { ...chat }, messages: messages.filter((m) => m.seq > (request.afterSeq ?? 0)) })),
    );
    socket.on('staff:send', (request, ack) => {
      let message = messages.find((m) => m.id === request.id);
      if (!message) {
        message = {
          id: request.id,
          staffChatId: request.staffChatId,
          seq: messages.length + 1,
          authorId: socket.data.me.id,
          authorName: socket.data.me.displayName,
          body: request.body,
          createdAt: Date.now(),
        };
        messages.push(message);
        chat.lastSeq = message.seq;
        socket.to('staff').emit('staff:message', message);
      }
      if (swallow.delete(request.body)) return;
      ack(ok({ message }));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    presence: (operator) => operators.emit('operators:presence', operator),
    rawPresence: (payload) => operators.emit('operators:presence', payload as OperatorPresence),
    stored: () => [...messages],
    swallowAckFor: (body) => swallow.add(body),
    dropConnections: () => {
      for (const socket of operators.sockets.values()) socket.conn.close();
    },
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  };
}

let server: StaffServer;
const stores: ConsoleStore[] = [];

beforeEach(async () => {
  server = await startStaffServer();
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.close();
});

async function loggedIn(username: 'alice' | 'bob', requestTimeoutMs = 1000): Promise<ConsoleStore> {
  const store = createConsoleStore({
    api: fakeApi(),
    bridge: new RecordingBridge(),
    now: () => Date.now(),
    createConnection: (token) =>
      new OperatorConnection({
        url: server.url,
        ...(token ? { token } : {}),
        requestTimeoutMs,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
      }),
  });
  stores.push(store);
  await store.getState().logIn(username, 'deskbell-demo');
  await until(() => store.getState().connection === 'connected', `${username} to connect`);
  return store;
}

const names = (store: ConsoleStore) =>
  colleaguesOf(store.getState().operators, store.getState().operator?.id).map((o) => `${o.displayName}:${o.status}`);

describe('the Operators list', () => {
  it('lists my colleagues by name with their status, without me', async () => {
    const alice = await loggedIn('alice');
    expect(names(alice)).toEqual(['Bob:online', 'Zed:offline']);
  });

  it('turns a colleague Away, then Offline, as the server reports it', async () => {
    const alice = await loggedIn('alice');
    server.presence(presenceOf(PROFILES['bob-token']!, 'away'));
    await until(() => names(alice).includes('Bob:away'), 'Bob to show Away');
    server.presence(presenceOf(PROFILES['bob-token']!, 'offline'));
    await until(() => names(alice).includes('Bob:offline'), 'Bob to show Offline');
  });

  it('ignores a presence update it cannot understand and keeps the list as it was', async () => {
    const alice = await loggedIn('alice');
    server.rawPresence({ id: 'op-bob', status: 'on holiday' });
    server.presence(presenceOf(PROFILES['bob-token']!, 'internal'));
    await until(() => names(alice).includes('Bob:internal'), 'Bob to show Internal');
    expect(names(alice)).toEqual(['Bob:internal', 'Zed:offline']);
  });

  it('forgets the colleagues on log out', async () => {
    const alice = await loggedIn('alice');
    await alice.getState().logOut();
    expect(alice.getState().operators).toEqual({});
    expect(alice.getState().staffChat).toBeNull();
  });
});

describe('a staff chat', () => {
  it('opens in the right panel with its history, and both colleagues see each other’s messages live', async () => {
    const alice = await loggedIn('alice');
    const bob = await loggedIn('bob');
    await alice.getState().openStaffChat({ id: 'op-bob', displayName: 'Bob' });
    expect(alice.getState().rightView).toBe('staff');
    expect(alice.getState().staffChat?.chat?.id).toBe('staff-1');
    await bob.getState().openStaffChat({ id: 'op-alice', displayName: 'Alice' });

    alice.getState().sendStaffMessage('Can you cover the desk at three?');
    await until(() => (bob.getState().staffMessages['staff-1']?.length ?? 0) === 1, 'Bob to see Alice’s message');
    bob.getState().sendStaffMessage('Yes, I can.');
    await until(() => (alice.getState().staffMessages['staff-1']?.length ?? 0) === 2, 'Alice to see Bob’s answer');
    expect(alice.getState().staffMessages['staff-1']?.map((m) => m.body)).toEqual([
      'Can you cover the desk at three?',
      'Yes, I can.',
    ]);
    expect(alice.getState().staffPending['staff-1']).toEqual([]);
  });

  it('shows the whole history when opened again after a reload', async () => {
    const alice = await loggedIn('alice');
    await alice.getState().openStaffChat({ id: 'op-bob', displayName: 'Bob' });
    alice.getState().sendStaffMessage('First');
    alice.getState().sendStaffMessage('Second');
    await until(() => server.stored().length === 2, 'both messages to be stored');
    await until(() => (alice.getState().staffPending['staff-1']?.length ?? 1) === 0, 'nothing left pending');

    const reloaded = await loggedIn('alice');
    expect(reloaded.getState().staffMessages).toEqual({});
    await reloaded.getState().openStaffChat({ id: 'op-bob', displayName: 'Bob' });
    expect(reloaded.getState().staffMessages['staff-1']?.map((m) => m.body)).toEqual(['First', 'Second']);
  });

  it('keeps a message pending when its answer is lost and stores it once when it is sent again', async () => {
    const alice = await loggedIn('alice', 300);
    await alice.getState().openStaffChat({ id: 'op-bob', displayName: 'Bob' });
    server.swallowAckFor('Are you there?');
    alice.getState().sendStaffMessage('Are you there?');
    await until(() => server.stored().length === 1, 'the message to be stored');
    expect(alice.getState().staffPending['staff-1']?.map((m) => m.body)).toEqual(['Are you there?']);

    // The reconnect sends it again with the same id; the server keeps one copy and the console shows one.
    server.dropConnections();
    await until(() => (alice.getState().staffPending['staff-1']?.length ?? 1) === 0, 'the retry to be acknowledged');
    expect(server.stored()).toHaveLength(1);
    expect(alice.getState().staffMessages['staff-1']?.map((m) => m.body)).toEqual(['Are you there?']);
  });

  it('says why a staff chat could not be opened', async () => {
    const alice = await loggedIn('alice');
    await alice.getState().openStaffChat({ id: 'op-nobody', displayName: 'Nobody' });
    expect(alice.getState().staffChat?.error).toBe('No such colleague.');
    expect(alice.getState().staffChat?.chat).toBeNull();
  });
});
