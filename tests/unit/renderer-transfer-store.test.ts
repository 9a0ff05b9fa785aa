import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorConnection } from '../../src/client/operator-connection';
import { fail, ok } from '../../src/protocol/ack';
import type { ChatSummary, OperatorProfile } from '../../src/protocol/models';
import type { OperatorClientEvents, OperatorServerEvents } from '../../src/protocol/operator-contract';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import {
  chatRoleOf,
  selectGroupChats,
  selectTransfersForMe,
  transferAlertFor,
  transferNoteOf,
} from '../../renderer/store/transfer-slice';
import { chatSummaryOf } from './chat-fixtures';
import { fakeApi, RecordingBridge, until } from './renderer-test-kit';

/**
 * A tiny real socket.io server speaking the transfer part of the `/operator`
 * contract with the server's rules: only the owner ends a chat, the owner
 * cannot leave, and a colleague who is Away cannot be handed a chat.
 */
interface TransferServer {
  url: string;
  setAway(operatorId: string): void;
  chat(): ChatSummary;
  close(): Promise<void>;
}

const PROFILES: Record<string, OperatorProfile> = {
  'alice-token': { id: 'op-alice', username: 'alice', displayName: 'Alice', role: 'operator', departmentIds: [] },
  'bob-token': { id: 'op-bob', username: 'bob', displayName: 'Bob', role: 'operator', departmentIds: [] },
};

type TransferSocket = Socket<
  OperatorClientEvents,
  OperatorServerEvents,
  Record<string, never>,
  { me: OperatorProfile }
>;

async function startTransferServer(): Promise<TransferServer> {
  const http = createServer();
  const io = new Server(http);
  const operators = io.of('/operator');
  const away = new Set<string>();
  let chat: ChatSummary = chatSummaryOf({
    departmentId: 'dept-maps',
    question: 'Where are the county atlases?',
    participants: [],
    transfer: null,
  });

  const sockets = new Map<string, TransferSocket>();

  operators.use((socket, next) => {
    const me = PROFILES[(socket.handshake.auth as { token?: string }).token ?? ''];
    if (!me) return next(new Error('UNAUTHORIZED'));
    socket.data.me = me;
    next();
  });
  operators.on('connection', (raw) => {
    const socket = raw as TransferSocket;
    const me = socket.data.me;
    sockets.set(me.id, socket);
    socket.on('console:sync', (_request, ack) =>
      ack(
        ok({
          me,
          status: 'online',
          departments: [],
          questionTypes: [],
          patronFields: [],
          chats: chat.ownerId === me.id ? [chat] : [],
          missed: [],
        }),
      ),
    );
    socket.on('chat:transfer', (request, ack) => {
      if (chat.ownerId !== me.id) return ack(fail('NOT_CHAT_OWNER', 'Only the operator answering can transfer it.'));
      if (request.to.kind !== 'operator' || !sockets.has(request.to.id))
        return ack(fail('NOT_FOUND', 'No such colleague.'));
      if (away.has(request.to.id))
        return ack(fail('TRANSFER_TARGET_UNAVAILABLE', 'Bob is Away and cannot take a transfer.'));
      chat = {
        ...chat,
        transfer: {
          from: { id: me.id, name: me.displayName },
          to: { kind: 'operator', id: request.to.id, name: 'Bob' },
          briefing: request.briefing ?? null,
          createdAt: 10,
          expiresAt: 100,
        },
      };
      sockets.get(request.to.id)?.emit('chat:transfer-offered', { chat });
      ack(ok({ chat }));
    });
    socket.on('chat:accept-transfer', (request, ack) => {
      if (chat.id !== request.chatId || chat.transfer?.to.id !== me.id) return ack(fail('NOT_FOUND', 'No transfer.'));
      const from = chat.transfer.from;
      chat = { ...chat, ownerId: me.id, ownerName: me.displayName, participants: [from], transfer: null };
      sockets.get(from.id)?.emit('chat:updated', chat);
      ack(ok({ chat, messages: [] }));
    });
    socket.on('chat:end', (_request, ack) =>
      chat.ownerId === me.id
        ? ack(ok({ chat: { ...chat, status: 'ended', endedBy: 'operator', endedAt: 20 } }))
        : ack(fail('NOT_CHAT_OWNER', 'Only Bob, who is answering this chat now, can end it.')),
    );
    socket.on('chat:leave', (_request, ack) => {
      if (chat.ownerId === me.id)
        return ack(fail('OWNER_CANNOT_LEAVE', 'You are answering this chat: End Chat instead.'));
      chat = { ...chat, participants: (chat.participants ?? []).filter((p) => p.id !== me.id) };
      ack(ok({ chat }));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setAway: (id) => away.add(id),
    chat: () => chat,
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  };
}

let server: TransferServer;
const stores: ConsoleStore[] = [];

beforeEach(async () => {
  server = await startTransferServer();
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.close();
});

async function loggedIn(username: 'alice' | 'bob', bridge = new RecordingBridge()): Promise<ConsoleStore> {
  const store = createConsoleStore({
    api: fakeApi(),
    bridge,
    now: () => Date.now(),
    createConnection: (token) =>
      new OperatorConnection({
        url: server.url,
        ...(token ? { token } : {}),
        requestTimeoutMs: 1000,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
      }),
  });
  stores.push(store);
  await store.getState().logIn(username, 'deskbell-demo');
  await until(() => store.getState().connection === 'connected', `${username} to connect`);
  return store;
}

const BOB = { kind: 'operator' as const, id: 'op-bob', name: 'Bob' };

describe('transferring a patron chat to a colleague', () => {
  it('offers the chat to the colleague with an alert "transferred from" and the briefing, and Accept makes it theirs', async () => {
    const alice = await loggedIn('alice');
    const bobBridge = new RecordingBridge();
    const bob = await loggedIn('bob', bobBridge);

    expect(await alice.getState().transferChat('chat-1', BOB, '  Wants the 1890s atlases. ')).toBe(true);
    expect(server.chat().transfer?.briefing).toBe('Wants the 1890s atlases.');

    await until(() => selectTransfersForMe(bob.getState()).length === 1, 'the offer to reach Bob');
    expect(bobBridge.alerts.map((alert) => alert.note)).toEqual(['Transferred from Alice: Wants the 1890s atlases.']);

    await bob.getState().acceptTransfer('chat-1');
    expect(bob.getState().chats['chat-1']?.ownerId).toBe('op-bob');
    expect(selectTransfersForMe(bob.getState())).toEqual([]);
    expect(bobBridge.cleared).toContain('chat-1');

    // Alice is a participant now: she may write and leave, not end.
    await until(() => alice.getState().chats['chat-1']?.ownerId === 'op-bob', 'Alice to hear of the accept');
    expect(chatRoleOf(alice.getState().chats['chat-1']!, alice.getState().operator)).toEqual({
      owner: false,
      participant: true,
      offeredToMe: false,
    });
    expect(selectGroupChats(alice.getState()).map((chat) => chat.id)).toEqual(['chat-1']);
  });

  it('shows the server’s refusal when the colleague is Away', async () => {
    const alice = await loggedIn('alice');
    await loggedIn('bob');
    server.setAway('op-bob');
    expect(await alice.getState().transferChat('chat-1', BOB, '')).toBe(false);
    expect(alice.getState().actionErrors['chat-1']).toBe('Bob is Away and cannot take a transfer.');
    expect(server.chat().transfer).toBeNull();
  });

  it('shows NOT_CHAT_OWNER when a stale End Chat is pressed after the transfer, and lets the participant leave', async () => {
    const alice = await loggedIn('alice');
    const bob = await loggedIn('bob');
    await alice.getState().transferChat('chat-1', BOB, '');
    await until(() => selectTransfersForMe(bob.getState()).length === 1, 'the offer to reach Bob');
    await bob.getState().acceptTransfer('chat-1');
    await until(() => alice.getState().chats['chat-1']?.ownerId === 'op-bob', 'Alice to hear of the accept');

    await alice.getState().endChat('chat-1');
    expect(alice.getState().actionErrors['chat-1']).toBe('Only Bob, who is answering this chat now, can end it.');

    alice.getState().openChat('chat-1');
    await alice.getState().leaveChat('chat-1');
    expect(server.chat().participants).toEqual([]);
    expect(alice.getState().openChatId).toBeNull();
    expect(alice.getState().actionErrors['chat-1']).toBeUndefined();
  });

  it('refuses Leave chat to the owner with the server’s words', async () => {
    const alice = await loggedIn('alice');
    await alice.getState().leaveChat('chat-1');
    expect(alice.getState().actionErrors['chat-1']).toBe('You are answering this chat: End Chat instead.');
  });
});

describe('the transfer alert', () => {
  it('keeps the pop-up note within its 200 characters', () => {
    const chat = {
      id: 'c',
      departmentName: 'Research Help',
      question: 'q',
      patron: { name: null },
      transfer: { from: { id: 'a', name: 'Alice' }, briefing: 'x '.repeat(300) },
    } as unknown as ChatSummary;
    const alert = transferAlertFor(chat);
    expect(alert.note?.startsWith('Transferred from Alice: x x')).toBe(true);
    expect(alert.note!.length).toBeLessThanOrEqual(200);
    expect(alert.patronName).toMatch(/^Patron \d{4}$/);
  });
});

describe('the words of a pending transfer', () => {
  const chat = (to: { kind: 'operator' | 'department'; id: string; name: string }) =>
    ({ transfer: { from: { id: 'alice', name: 'Alice' }, to, briefing: null } }) as unknown as ChatSummary;

  it('tell the receiver who sent it and the sender whom it waits for', () => {
    const toBob = chat({ kind: 'operator', id: 'bob', name: 'Bob' });
    expect(transferNoteOf(toBob, 'bob')).toBe('Transferred from Alice');
    expect(transferNoteOf(toBob, 'alice')).toBe('Waiting for Bob to accept');
    expect(transferNoteOf(toBob)).toBe('Transferred from Alice');
    expect(transferNoteOf(chat({ kind: 'department', id: 'research', name: 'Research Help' }), 'alice')).toBe(
      'Transferred to Research Help, waiting to be claimed',
    );
  });
});
