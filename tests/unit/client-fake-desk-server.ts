import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { fail, ok, type Ack, type ErrorCode } from '../../src/protocol/ack';
import type { AnalyticsEntry, ChatSummary, Message, OperatorProfile, QuestionType } from '../../src/protocol/models';
import type { OperatorClientEvents, OperatorServerEvents } from '../../src/protocol/operator-contract';
import type { SyncRequest } from '../../src/protocol/requests';
import { chatSummaryOf, patronOf } from './chat-fixtures';

/**
 * A tiny real socket.io server speaking the `/operator` contract, for testing
 * the console's connection and store without the Deskbell server. It keeps
 * chats and messages in memory, stores a message id once, and lets a test
 * drop connections, swallow an acknowledgement, push a duplicate, lose a live
 * message, or have a moment (refuse handshakes, syncs or sends as a server
 * whose database restarts does).
 */
export interface FakeDeskServer {
  url: string;
  /** Every console:sync request received, in order. */
  syncRequests: SyncRequest[];
  startChat(question: string, patronName?: string): ChatSummary;
  patronSays(chatId: string, body: string): Message;
  /** Emits a stored message to the chat's operators again (as a flaky network might). */
  repeat(message: Message): void;
  /** The patron writes, and the live event is lost on the way (only a fetch brings it). */
  patronSaysUnheard(chatId: string, body: string): Message;
  /** The patron writes in the same moment the next preview of the chat is answered: the answer and the message leave together. */
  patronSaysWithNextPreview(chatId: string, body: string): void;
  /** The chat leaves this console's sight (moved to a department it does not monitor). */
  hide(chatId: string): void;
  /** Refuses every handshake with this code (as the real middleware does), until called with null. */
  refuseHandshakes(code: ErrorCode | null): void;
  /** The next `count` console:sync requests answer this failure. */
  failSyncs(count: number, code: ErrorCode): void;
  /** The next `count` chat:send requests answer this failure (nothing stored). */
  failSends(count: number, code: ErrorCode): void;
  /** How many handshakes were refused so far. */
  refusedHandshakes(): number;
  /** Every chat:transcript request received, by chat id. */
  transcriptRequests: string[];
  storedMessages(chatId: string): Message[];
  /** The next chat:send with this body is stored but not acknowledged. */
  swallowAckFor(body: string): void;
  /** Closes every operator's transport; clients see a dropped connection and reconnect. */
  dropConnections(): void;
  /** Ends every operator socket from the server side, as a server shutting down does. */
  disconnectAll(): void;
  /** How many operator sockets are connected right now. */
  connectedCount(): number;
  close(): Promise<void>;
}

const OPERATORS: Record<string, OperatorProfile> = {
  'alice-token': {
    id: 'op-alice',
    username: 'alice',
    displayName: 'Alice',
    role: 'operator',
    departmentIds: ['general-reference'],
  },
  'bob-token': {
    id: 'op-bob',
    username: 'bob',
    displayName: 'Bob',
    role: 'operator',
    departmentIds: ['general-reference'],
  },
};

const QUESTION_TYPES: QuestionType[] = [
  { id: 'directional', label: 'Directional', countsAs: 'directional' },
  { id: 'reference', label: 'Reference', countsAs: 'reference' },
];

type OperatorSocket = Socket<
  OperatorClientEvents,
  OperatorServerEvents,
  Record<string, never>,
  { me: OperatorProfile }
>;

export async function startFakeDeskServer(): Promise<FakeDeskServer> {
  const http = createServer();
  const io = new Server(http, { cors: { origin: true, credentials: true } });
  const operators = io.of('/operator');
  const chats = new Map<string, ChatSummary>();
  const messages = new Map<string, Message[]>();
  const syncRequests: SyncRequest[] = [];
  const swallow = new Set<string>();
  const analytics = new Map<string, AnalyticsEntry>();
  const hidden = new Set<string>();
  const transcriptRequests: string[] = [];
  const saidWithPreview = new Map<string, string>();
  let handshakeRefusal: ErrorCode | null = null;
  let refusedHandshakes = 0;
  let failingSyncs = { count: 0, code: 'INTERNAL' as ErrorCode };
  let failingSends = { count: 0, code: 'INTERNAL' as ErrorCode };
  let nextChat = 1;
  const trouble = (code: ErrorCode) => fail(code, `${code}: the server is having a moment.`);

  operators.use((socket, next) => {
    if (handshakeRefusal) {
      refusedHandshakes += 1;
      const error = new Error(`${handshakeRefusal}: the server could not check the session.`) as Error & {
        data?: unknown;
      };
      error.data = { code: handshakeRefusal, message: 'the server could not check the session; try again shortly.' };
      return next(error);
    }
    const token = (socket.handshake.auth as { token?: string }).token ?? '';
    const me = OPERATORS[token];
    if (!me) {
      const error = new Error('UNAUTHORIZED: log in again') as Error & { data?: unknown };
      error.data = { code: 'UNAUTHORIZED', message: 'Your session has ended; log in again.' };
      return next(error);
    }
    socket.data.me = me;
    next();
  });

  const append = (chatId: string, message: Omit<Message, 'seq' | 'chatId'>): Message => {
    const list = messages.get(chatId) ?? [];
    const stored: Message = { ...message, chatId, seq: list.length + 1 };
    list.push(stored);
    messages.set(chatId, list);
    const chat = chats.get(chatId);
    if (chat) chat.lastSeq = stored.seq;
    return stored;
  };

  const withMessages = (chat: ChatSummary) => ({ chat: { ...chat }, messages: [...(messages.get(chat.id) ?? [])] });

  operators.on('connection', (raw) => {
    const socket = raw as OperatorSocket;
    const me = socket.data.me;
    void socket.join('department:general-reference');
    const find = (chatId: string): ChatSummary | Ack<never> =>
      chats.get(chatId) ?? fail('CHAT_NOT_FOUND', 'No such chat.');

    socket.on('console:sync', (sent, ack) => {
      const request = sent ?? {};
      syncRequests.push(request);
      if (failingSyncs.count > 0) {
        failingSyncs.count -= 1;
        return ack(trouble(failingSyncs.code));
      }
      const last = request.lastSeqByChat ?? {};
      const visible = [...chats.values()].filter(
        (chat) => !hidden.has(chat.id) && (chat.status !== 'ended' || chat.ownerId === me.id),
      );
      const missed = visible
        .filter((chat) => chat.id in last || chat.ownerId === me.id)
        .flatMap((chat) => (messages.get(chat.id) ?? []).filter((m) => m.seq > (last[chat.id] ?? 0)));
      const unsynced = Object.keys(last).filter((chatId) => !visible.some((chat) => chat.id === chatId));
      ack(
        ok({
          me,
          status: 'online',
          departments: [{ id: 'general-reference', name: 'General Reference' }],
          questionTypes: QUESTION_TYPES,
          patronFields: [],
          chats: visible.map((chat) => ({ ...chat })),
          missed,
          unsynced,
        }),
      );
    });
    socket.on('status:set', (request, ack) => ack(ok({ status: request.status })));
    socket.on('chat:preview', (request, ack) => {
      const chat = find(request.chatId);
      ack('ok' in chat ? chat : ok(withMessages(chat)));
      const said = saidWithPreview.get(request.chatId);
      saidWithPreview.delete(request.chatId);
      if (said) server.patronSays(request.chatId, said);
    });
    socket.on('chat:claim', (request, ack) => {
      const chat = find(request.chatId);
      if ('ok' in chat) return ack(chat);
      if (chat.status !== 'waiting')
        return ack(fail('ALREADY_CLAIMED', `${chat.ownerName ?? 'Someone'} has already claimed this chat.`));
      Object.assign(chat, { status: 'active', ownerId: me.id, ownerName: me.displayName, claimedAt: Date.now() });
      operators.emit('chat:updated', { ...chat });
      ack(ok(withMessages(chat)));
    });
    socket.on('chat:send', (request, ack) => {
      if (failingSends.count > 0) {
        failingSends.count -= 1;
        return ack(trouble(failingSends.code));
      }
      const chat = find(request.chatId);
      if ('ok' in chat) return ack(chat);
      if (chat.status === 'ended') return ack(fail('CHAT_ENDED', 'This chat has ended.'));
      const existing = (messages.get(chat.id) ?? []).find((m) => m.id === request.id);
      const message =
        existing ??
        append(chat.id, {
          id: request.id,
          authorKind: 'operator',
          authorId: me.id,
          authorName: me.displayName,
          body: request.body,
          createdAt: Date.now(),
        });
      if (!existing) operators.emit('chat:message', message);
      if (swallow.delete(request.body)) return;
      ack(ok({ message }));
    });
    socket.on('chat:end', (request, ack) => {
      const chat = find(request.chatId);
      if ('ok' in chat) return ack(chat);
      Object.assign(chat, { status: 'ended', endedAt: Date.now(), endedBy: 'operator' });
      operators.emit('chat:updated', { ...chat });
      ack(ok({ chat: { ...chat } }));
    });
    socket.on('chat:save-analytics', (request, ack) => {
      const chat = find(request.chatId);
      if ('ok' in chat) return ack(chat);
      if (chat.status !== 'ended') return ack(fail('CHAT_NOT_ACTIVE', 'End Chat before you save its analytics.'));
      const type = QUESTION_TYPES.find((t) => t.id === request.questionTypeId);
      if (!type) return ack(fail('BAD_REQUEST', 'questionTypeId: no such question type'));
      const entry: AnalyticsEntry = {
        chatId: chat.id,
        questionTypeId: type.id,
        questionTypeLabel: type.label,
        readLevel: request.readLevel ?? null,
        timeSpentMinutes: request.timeSpentMinutes,
        notes: request.notes ?? '',
        operatorId: me.id,
        operatorName: me.displayName,
        savedAt: Date.now(),
      };
      analytics.set(chat.id, entry);
      chat.hasAnalytics = true;
      operators.emit('chat:updated', { ...chat });
      ack(ok({ entry }));
    });
    socket.on('chats:ended', (_request, ack) =>
      ack(ok({ chats: [...chats.values()].filter((chat) => chat.status === 'ended').map((chat) => ({ ...chat })) })),
    );
    socket.on('chat:transcript', (request, ack) => {
      transcriptRequests.push(request.chatId);
      const chat = find(request.chatId);
      if ('ok' in chat) return ack(chat);
      ack(ok({ ...withMessages(chat), analytics: analytics.get(chat.id) ?? null }));
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  const server: FakeDeskServer = {
    url: `http://127.0.0.1:${port}`,
    syncRequests,
    startChat(question, patronName = 'Pat Patron') {
      const id = `chat-${nextChat++}`;
      const chat: ChatSummary = chatSummaryOf({
        id,
        status: 'waiting',
        question,
        patron: patronOf({ name: patronName, ip: '203.0.113.7', pageUrl: 'https://library.example/' }),
        ownerId: null,
        ownerName: null,
        createdAt: Date.now(),
        claimedAt: null,
      });

      chats.set(id, chat);
      append(id, {
        id: `${id}-q`,
        authorKind: 'patron',
        authorId: null,
        authorName: patronName,
        body: question,
        createdAt: Date.now(),
      });
      operators.emit('chat:new', { ...chat });
      return chat;
    },
    patronSaysWithNextPreview(chatId, body) {
      saidWithPreview.set(chatId, body);
    },
    patronSays(chatId, body) {
      const chat = chats.get(chatId);
      const message = append(chatId, {
        id: `p-${Math.random().toString(36).slice(2)}`,
        authorKind: 'patron',
        authorId: null,
        authorName: chat?.patron.name ?? 'Patron',
        body,
        createdAt: Date.now(),
      });
      operators.emit('chat:message', message);
      return message;
    },
    repeat(message) {
      operators.emit('chat:message', message);
    },
    patronSaysUnheard(chatId, body) {
      return append(chatId, {
        id: `p-${Math.random().toString(36).slice(2)}`,
        authorKind: 'patron',
        authorId: null,
        authorName: chats.get(chatId)?.patron.name ?? 'Patron',
        body,
        createdAt: Date.now(),
      });
    },
    hide: (chatId) => void hidden.add(chatId),
    refuseHandshakes(code) {
      handshakeRefusal = code;
    },
    failSyncs(count, code) {
      failingSyncs = { count, code };
    },
    failSends(count, code) {
      failingSends = { count, code };
    },
    refusedHandshakes: () => refusedHandshakes,
    transcriptRequests,
    storedMessages: (chatId) => [...(messages.get(chatId) ?? [])],
    swallowAckFor: (body) => void swallow.add(body),
    dropConnections() {
      for (const socket of operators.sockets.values()) socket.conn.close();
    },
    disconnectAll: () => void operators.disconnectSockets(true),
    connectedCount: () => operators.sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  };
  return server;
}
