import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { z } from 'zod';
import type { Ack, AckError } from '../protocol/ack';
import {
  chatSummarySchema,
  messageSchema,
  operatorPresenceSchema,
  operatorStatusSchema,
  staffMessageSchema,
} from '../protocol/models';
import type {
  AnalyticsEntry,
  CannedMessage,
  ChatSummary,
  Message,
  OperatorPresence,
  OperatorStatus,
  StaffChat,
  StaffMessage,
} from '../protocol/models';
import {
  OPERATOR_NAMESPACE,
  type ChatWithMessages,
  type OperatorClientEvents,
  type OperatorServerEvents,
  type StaffChatWithMessages,
  type SyncResult,
  type Transcript,
} from '../protocol/operator-events';
import type {
  CannedSaveRequest,
  EndedChatsRequest,
  OperatorSendRequest,
  SaveAnalyticsRequest,
  StaffSendRequest,
  TransferRequest,
} from '../protocol/requests';
import { checkAck, offlineAck, settleAck } from './ack-request';
import type {
  ConnectionState,
  FailedMessage,
  OperatorConnectionEvent,
  OperatorConnectionListener,
  PendingMessage,
} from './connection-events';
import { MessageBook } from './message-book';
import { newClientId } from './new-id';
import { Outbox } from './outbox';
import {
  analyticsResultSchema,
  cannedListResultSchema,
  cannedResultSchema,
  chatResultSchema,
  chatWithMessagesSchema,
  deletedResultSchema,
  endedChatsResultSchema,
  messageResultSchema,
  operatorsResultSchema,
  patronPresenceNoticeSchema,
  staffChatsResultSchema,
  staffChatWithMessagesSchema,
  staffMessageResultSchema,
  statusResultSchema,
  syncResultSchema,
  transcriptSchema,
  transferOfferSchema,
  transferReturnedSchema,
  typingNoticeSchema,
} from './response-schemas';

export interface OperatorConnectionOptions {
  /** The Deskbell server's origin, e.g. "https://chat.library.org"; the page's own origin when omitted. */
  url?: string;
  /** The bearer token from /api/login, for the desktop client; the browser console uses its cookie. */
  token?: string;
  /** How long a request waits for its answer; 10 s by default. */
  requestTimeoutMs?: number;
  /**
   * Subscribes to "the network is back" (the browser's `online` event), so the
   * console reconnects at once instead of waiting out socket.io's back-off.
   * src/ has no DOM, so the renderer passes this in.
   */
  onlineSignal?: (listener: () => void) => () => void;
  /** Extra socket.io options (tests shorten the reconnection delays). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

type OperatorSocket = Socket<OperatorServerEvents, OperatorClientEvents>;
type RequestName = keyof OperatorClientEvents;
type RequestPayload<K extends RequestName> = Parameters<OperatorClientEvents[K]>[0];

/**
 * The operator console's connection to the `/operator` namespace, with no UI
 * in it: the browser console and the desktop app share it. It reconnects by
 * itself, catches up after every (re)connect with `console:sync` (sending the
 * newest sequence number it holds per chat), holds each chat's messages once
 * and in order, and sends chat messages through an Outbox so none is lost
 * while the connection is down.
 */
export class OperatorConnection {
  private readonly socket: OperatorSocket;
  private readonly book = new MessageBook();
  private readonly outbox: Outbox<OperatorSendRequest & { id: string; body: string }, { message: Message }>;
  private readonly failed = new Map<string, FailedMessage>();
  /** Staff messages go through their own outbox: the same client-made ids, the same retry on reconnect. */
  private readonly staffOutbox: Outbox<StaffSendRequest & { id: string; body: string }, { message: StaffMessage }>;
  private readonly staffFailed = new Map<string, StaffFailedMessage>();
  private readonly listeners = new Set<OperatorConnectionListener>();
  private readonly timeoutMs: number;
  private readonly stopOnlineSignal: (() => void) | null;
  private currentState: ConnectionState = 'offline';
  private everConnected = false;
  private closedByUser = true;
  private restarting = false;
  private syncRound = 0;
  private syncedSinceServerDisconnect = true;
  /** Chats that had pending or refused sends at the last outbox change. */
  private lastOutboxChats = new Set<string>();

  constructor(options: OperatorConnectionOptions = {}) {
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    const target = `${options.url?.replace(/\/$/, '') ?? ''}${OPERATOR_NAMESPACE}`;
    this.socket = io(target, {
      autoConnect: false,
      withCredentials: true,
      // Its own Manager: socket.io shares one per origin by default, and then this connection's
      // reconnects (and the manager options) would reach any other socket on the page, and theirs this one.
      forceNew: true,
      ...(options.token ? { auth: { token: options.token } } : {}),
      ...options.socketOptions,
    });
    this.outbox = new Outbox({
      emit: async (payload) => {
        if (this.currentState !== 'connected') throw new Error('offline');
        return checkAck(
          await this.socket.timeout(this.timeoutMs).emitWithAck('chat:send', payload),
          messageResultSchema,
          'the message',
        );
      },
      isConnected: () => this.currentState === 'connected',
      onDelivered: (_payload, result) => this.mergeLive([result.message]),
      onRejected: (payload, error) => this.failed.set(payload.id, { ...pendingOf(payload), error }),
      onChange: () => this.emitOutboxChanges(),
    });
    this.staffOutbox = new Outbox({
      emit: async (payload) => {
        if (this.currentState !== 'connected') throw new Error('offline');
        return checkAck(
          await this.socket.timeout(this.timeoutMs).emitWithAck('staff:send', payload),
          staffMessageResultSchema,
          'the message',
        );
      },
      isConnected: () => this.currentState === 'connected',
      onDelivered: (_payload, result) => this.emit({ type: 'staff-messages', messages: [result.message] }),
      onRejected: (payload, error) => this.staffFailed.set(payload.id, { ...staffPendingOf(payload), error }),
      onChange: () => this.emitStaffOutboxChanges(),
    });
    this.stopOnlineSignal = options.onlineSignal?.(() => this.reconnectIfDown()) ?? null;
    this.listen();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  subscribe(listener: OperatorConnectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connect(): void {
    this.closedByUser = false;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    this.socket.connect();
  }

  /** Closes for good (log out); pending sends are dropped with it. */
  close(): void {
    this.closedByUser = true;
    this.socket.disconnect();
    this.stopOnlineSignal?.();
    this.setState('offline');
  }

  /**
   * Drops the socket and connects again at once, even when it looks connected,
   * then catches up with `console:sync`. The desktop calls this after the
   * machine resumes or unlocks, or the network changes: a socket from before a
   * sleep can look open for its whole ping timeout while nothing arrives on it.
   * Does nothing after `close()` (logged out).
   */
  reconnectNow(): void {
    this.restart();
  }

  // ---- requests ----

  setStatus(status: OperatorStatus): Promise<Ack<{ status: OperatorStatus }>> {
    return this.request('status:set', { status }, statusResultSchema, 'the status change');
  }

  /** Loads a chat and its messages without claiming it ("click the patron's name"). */
  async preview(chatId: string): Promise<Ack<ChatWithMessages>> {
    return this.holdChat(await this.request('chat:preview', { chatId }, chatWithMessagesSchema, 'the preview'));
  }

  /** Claim Chat. A refusal with ALREADY_CLAIMED names who took it. */
  async claim(chatId: string): Promise<Ack<ChatWithMessages>> {
    return this.holdChat(await this.request('chat:claim', { chatId }, chatWithMessagesSchema, 'Claim Chat'));
  }

  async end(chatId: string): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:end', { chatId }, chatResultSchema, 'End Chat');
    if (ack.ok) this.emit({ type: 'chat', chat: ack.data.chat, isNew: false });
    return ack;
  }

  saveAnalytics(request: SaveAnalyticsRequest): Promise<Ack<{ entry: AnalyticsEntry }>> {
    return this.request('chat:save-analytics', request, analyticsResultSchema, 'the analytics entry');
  }

  transcript(chatId: string): Promise<Ack<Transcript>> {
    return this.request('chat:transcript', { chatId }, transcriptSchema, 'the transcript request');
  }

  endedChats(request: EndedChatsRequest = {}): Promise<Ack<{ chats: ChatSummary[] }>> {
    return this.request('chats:ended', request, endedChatsResultSchema, 'the list of ended chats');
  }

  // ---- transfers and group chats ----

  /** Hands the chat to a colleague (pending until they accept) or back to a department's queue, with an optional briefing. */
  async transfer(request: TransferRequest): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:transfer', request, chatResultSchema, 'the transfer');
    if (ack.ok) this.emit({ type: 'chat', chat: ack.data.chat, isNew: false });
    return ack;
  }

  /** Takes a chat a colleague transferred to you; it comes with its whole history. */
  async acceptTransfer(chatId: string): Promise<Ack<ChatWithMessages>> {
    return this.holdChat(
      await this.request('chat:accept-transfer', { chatId }, chatWithMessagesSchema, 'accepting the transfer'),
    );
  }

  /** Says no to a chat a colleague transferred to me: it stays with them. */
  async declineTransfer(chatId: string): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:decline-transfer', { chatId }, chatResultSchema, 'declining the transfer');
    if (ack.ok) this.emit({ type: 'chat', chat: ack.data.chat, isNew: false });
    return ack;
  }

  /** Leaves a group chat this operator is a participant (not the owner) of. */
  async leaveChat(chatId: string): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:leave', { chatId }, chatResultSchema, 'leaving the chat');
    if (ack.ok) this.emit({ type: 'chat', chat: ack.data.chat, isNew: false });
    return ack;
  }

  // ---- colleagues: the Operators list and staff chats ----

  /** The Operators list, now (the sync brings it too; `operators:presence` keeps it current). */
  listOperators(): Promise<Ack<{ operators: OperatorPresence[] }>> {
    return this.request('operators:list', {}, operatorsResultSchema, 'the Operators list');
  }

  /** The staff chat with a colleague (the server makes it on first use) and its whole, archived history. */
  openStaffChat(operatorId: string): Promise<Ack<StaffChatWithMessages>> {
    return this.request('staff:open', { operatorId }, staffChatWithMessagesSchema, 'the staff chat');
  }

  /** A staff chat's messages after a sequence number (catching up after a reconnect). */
  staffHistory(staffChatId: string, afterSeq = 0): Promise<Ack<StaffChatWithMessages>> {
    return this.request('staff:history', { staffChatId, afterSeq }, staffChatWithMessagesSchema, 'the staff chat');
  }

  /** Queues a staff message; pending until stored, re-sent after a reconnect with the same id. */
  sendStaff(staffChatId: string, body: string): StaffPendingMessage | null {
    const text = body.trim();
    if (text === '') return null;
    const payload = { staffChatId, id: newClientId(), body: text };
    this.staffOutbox.send(payload);
    return payload;
  }

  staffPending(staffChatId: string): StaffPendingMessage[] {
    return this.staffOutbox
      .list()
      .filter((payload) => payload.staffChatId === staffChatId)
      .map(staffPendingOf);
  }

  staffRefused(staffChatId: string): StaffFailedMessage[] {
    return [...this.staffFailed.values()].filter((message) => message.staffChatId === staffChatId);
  }

  // ---- messages ----

  /** Queues a message; it shows as pending until the server has stored it, and is re-sent after a reconnect. */
  /** Staff chats: your own, or (supervisors and admins, with `all`) every one, for review. */
  listStaffChats(all = false): Promise<Ack<{ staffChats: StaffChat[] }>> {
    return this.request('staff:list', { all }, staffChatsResultSchema, 'the staff chats');
  }

  /** Tells the others in the chat that this operator is typing, or stopped; dropped while not connected. */
  setTyping(chatId: string, typing: boolean): void {
    if (this.currentState !== 'connected') return;
    // Best effort: a lost typing signal is corrected by the next one, so no ack is awaited.
    this.socket.emit('chat:typing', { chatId, typing }, () => undefined);
  }

  /** Your personal canned messages and the shared ones of your departments. */
  listCanned(): Promise<Ack<{ canned: CannedMessage[] }>> {
    return this.request('canned:list', {}, cannedListResultSchema, 'the canned messages');
  }

  saveCanned(request: CannedSaveRequest): Promise<Ack<{ canned: CannedMessage }>> {
    return this.request('canned:save', request, cannedResultSchema, 'the canned message');
  }

  deleteCanned(id: string): Promise<Ack<{ id: string }>> {
    return this.request('canned:delete', { id }, deletedResultSchema, 'deleting the canned message');
  }

  send(chatId: string, body: string): PendingMessage | null {
    const text = body.trim();
    if (text === '') return null;
    const payload = { chatId, id: newClientId(), body: text };
    this.outbox.send(payload);
    return payload;
  }

  /** The chat's messages in sequence order, each once. */
  messages(chatId: string): readonly Message[] {
    return this.book.get(chatId);
  }

  pending(chatId: string): PendingMessage[] {
    return this.outbox
      .list()
      .filter((payload) => payload.chatId === chatId)
      .map(pendingOf);
  }

  refused(chatId: string): FailedMessage[] {
    return [...this.failed.values()].filter((message) => message.chatId === chatId);
  }

  dismissRefused(messageId: string): void {
    const message = this.failed.get(messageId);
    if (message && this.failed.delete(messageId)) this.emit({ type: 'outbox', chatId: message.chatId });
  }

  /** The newest sequence number held per loaded chat (what the next sync will send). */
  lastSeqByChat(): Record<string, number> {
    return this.book.lastSeqByChat();
  }

  // ---- internals ----

  private listen(): void {
    const socket = this.socket;
    socket.on('connect', () => {
      this.everConnected = true;
      void this.sync();
    });
    socket.on('disconnect', (reason) => {
      this.syncRound += 1;
      if (this.closedByUser && !this.restarting) return this.setState('offline');
      if (reason === 'io server disconnect') {
        // socket.io does not retry a disconnect the server made. A server shutting down (a restart,
        // a deploy) makes one too, so try once more; a server that ends a fresh connection before
        // it could even sync means it, and the console stays offline.
        if (this.syncedSinceServerDisconnect) {
          this.syncedSinceServerDisconnect = false;
          this.setState('reconnecting');
          socket.connect();
          return;
        }
        this.emit({ type: 'problem', message: 'The Deskbell server closed this connection.' });
        return this.setState('offline');
      }
      this.setState('reconnecting');
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      if (socket.active) return this.setState(this.everConnected ? 'reconnecting' : 'connecting');
      // Refused by the server's middleware: socket.io does not retry, and neither should we.
      this.setState('offline');
      const message = error.data?.message ?? error.message;
      if (error.data?.code === 'UNAUTHORIZED' || /unauthori[sz]ed|session|log in/i.test(message)) {
        this.emit({ type: 'unauthorized', message });
      } else {
        this.emit({ type: 'problem', message });
      }
    });
    socket.io.on('reconnect_attempt', () => this.setState(this.everConnected ? 'reconnecting' : 'connecting'));
    socket.io.on('reconnect_failed', () => this.setState('offline'));

    socket.on('chat:new', (payload) => this.receiveChat(payload, true));
    socket.on('chat:updated', (payload) => this.receiveChat(payload, false));
    socket.on('chat:message', (payload) => {
      const parsed = messageSchema.safeParse(payload);
      if (parsed.success) this.mergeLive([parsed.data]);
      else this.emit({ type: 'problem', message: 'A message from the server was not understood.' });
    });
    socket.on('chat:transfer-offered', (payload) => {
      const parsed = transferOfferSchema.safeParse(payload);
      if (parsed.success) this.emit({ type: 'transfer-offered', chat: parsed.data.chat });
      else this.emit({ type: 'problem', message: 'A transfer from the server was not understood.' });
    });
    socket.on('chat:transfer-returned', (payload) => {
      const parsed = transferReturnedSchema.safeParse(payload);
      if (parsed.success) {
        const declinedBy = parsed.data.declinedBy?.name ?? null;
        this.emit({ type: 'transfer-returned', chat: parsed.data.chat, declinedBy });
      } else this.emit({ type: 'problem', message: 'A returned transfer from the server was not understood.' });
    });
    socket.on('operators:presence', (payload) => {
      const parsed = operatorPresenceSchema.safeParse(payload);
      if (parsed.success) this.emit({ type: 'operator', operator: parsed.data });
    });
    socket.on('staff:message', (payload) => {
      const parsed = staffMessageSchema.safeParse(payload);
      if (parsed.success) this.emit({ type: 'staff-messages', messages: [parsed.data] });
      else this.emit({ type: 'problem', message: 'A staff message from the server was not understood.' });
    });
    socket.on('chat:typing', (payload) => {
      const parsed = typingNoticeSchema.safeParse(payload);
      if (parsed.success) this.emit({ type: 'typing', notice: parsed.data });
    });
    socket.on('chat:patron-presence', (payload) => {
      const parsed = patronPresenceNoticeSchema.safeParse(payload);
      if (parsed.success) this.emit({ type: 'patron-presence', notice: parsed.data });
    });
    socket.on('status:changed', (payload) => {
      const parsed = operatorStatusSchema.safeParse(payload?.status);
      if (parsed.success) this.emit({ type: 'status', status: parsed.data });
    });
  }

  /** Catches up after every (re)connect; only then is the console "connected" and the outbox flushed. */
  private async sync(): Promise<void> {
    const round = ++this.syncRound;
    const ack = await settleAck(
      () =>
        this.socket.timeout(this.timeoutMs).emitWithAck('console:sync', { lastSeqByChat: this.book.lastSeqByChat() }),
      syncResultSchema,
      'the sync',
    );
    if (round !== this.syncRound || !this.socket.connected) return;
    if (!ack.ok) return this.syncFailed(ack.error);
    this.applySync(ack.data);
    this.syncedSinceServerDisconnect = true;
    this.setState('connected');
    this.emit({ type: 'synced', result: ack.data });
    this.outbox.flush();
    this.staffOutbox.flush();
  }

  private applySync(result: SyncResult): void {
    const missedByChat = new Map<string, Message[]>();
    for (const message of result.missed) {
      const list = missedByChat.get(message.chatId) ?? [];
      list.push(message);
      missedByChat.set(message.chatId, list);
    }
    // Chats this operator owns come with their whole history when not held yet.
    for (const chat of result.chats) {
      if (chat.ownerId === result.me.id && !this.book.isLoaded(chat.id)) {
        this.book.load(chat.id, missedByChat.get(chat.id) ?? []);
        this.emit({ type: 'messages', chatId: chat.id, messages: this.book.get(chat.id) });
      }
    }
    this.mergeLive(result.missed);
  }

  private syncFailed(error: AckError): void {
    if (error.code === 'UNAUTHORIZED') {
      this.closedByUser = true;
      this.socket.disconnect();
      this.setState('offline');
      this.emit({ type: 'unauthorized', message: error.message });
      return;
    }
    this.emit({ type: 'problem', message: `Could not catch up with the server: ${error.message}` });
    // Start over: a fresh connection syncs again.
    this.reconnectIfDown();
  }

  /** Skips socket.io's back-off when the connection is not up (the browser says the network is back). */
  private reconnectIfDown(): void {
    if (this.currentState === 'connected') return;
    this.restart();
  }

  private restart(): void {
    if (this.closedByUser) return;
    this.restarting = true;
    this.socket.disconnect();
    this.restarting = false;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    this.socket.connect();
  }

  private async request<K extends RequestName, T>(
    event: K,
    payload: RequestPayload<K>,
    schema: z.ZodType<T>,
    what: string,
  ): Promise<Ack<T>> {
    if (this.currentState !== 'connected') return offlineAck(what);
    // The event map types each ack per event; one generic path needs a looser view of emitWithAck.
    const emitter = this.socket.timeout(this.timeoutMs) as unknown as {
      emitWithAck: (event: string, payload: unknown) => Promise<unknown>;
    };
    return settleAck(() => emitter.emitWithAck(event, payload), schema, what);
  }

  private holdChat(ack: Ack<ChatWithMessages>): Ack<ChatWithMessages> {
    if (!ack.ok) return ack;
    const { chat, messages } = ack.data;
    this.emit({ type: 'chat', chat, isNew: false });
    this.emit({ type: 'messages', chatId: chat.id, messages: this.book.load(chat.id, messages) });
    return { ok: true, data: { chat, messages: [...this.book.get(chat.id)] } };
  }

  private receiveChat(payload: unknown, isNew: boolean): void {
    const parsed = chatSummarySchema.safeParse(payload);
    if (parsed.success) this.emit({ type: 'chat', chat: parsed.data, isNew });
    else this.emit({ type: 'problem', message: 'A chat update from the server was not understood.' });
  }

  private mergeLive(messages: readonly Message[]): void {
    for (const chatId of this.book.merge(messages)) {
      this.emit({ type: 'messages', chatId, messages: this.book.get(chatId) });
    }
  }

  private emitOutboxChanges(): void {
    // Tell listeners about every chat that had or has pending or refused sends.
    const now = new Set([
      ...this.outbox.list().map((p) => p.chatId),
      ...[...this.failed.values()].map((f) => f.chatId),
    ]);
    for (const chatId of new Set([...now, ...this.lastOutboxChats])) this.emit({ type: 'outbox', chatId });
    this.lastOutboxChats = now;
  }

  private lastStaffOutboxChats = new Set<string>();

  private emitStaffOutboxChanges(): void {
    const now = new Set([
      ...this.staffOutbox.list().map((p) => p.staffChatId),
      ...[...this.staffFailed.values()].map((f) => f.staffChatId),
    ]);
    for (const staffChatId of new Set([...now, ...this.lastStaffOutboxChats])) {
      this.emit({ type: 'staff-outbox', staffChatId });
    }
    this.lastStaffOutboxChats = now;
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit({ type: 'state', state });
  }

  private emit(event: OperatorConnectionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function pendingOf(payload: { id: string; chatId: string; body: string }): PendingMessage {
  return { id: payload.id, chatId: payload.chatId, body: payload.body };
}

/** A staff message on its way, shown as "Sending..." until the server has stored it. */
export interface StaffPendingMessage {
  id: string;
  staffChatId: string;
  body: string;
}

/** A staff message the server refused, with the reason. */
export interface StaffFailedMessage extends StaffPendingMessage {
  error: AckError;
}

function staffPendingOf(payload: StaffPendingMessage): StaffPendingMessage {
  return { id: payload.id, staffChatId: payload.staffChatId, body: payload.body };
}
