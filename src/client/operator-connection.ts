import type { TranscriptSearch } from '../protocol/reports';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { Ack, AckError } from '../protocol/ack';
import type {
  AnalyticsEntry,
  CannedMessage,
  ChatSummary,
  Message,
  OperatorPresence,
  OperatorStatus,
  ReadMark,
  StaffChat,
  StaffMessage,
} from '../protocol/models';
import {
  OPERATOR_NAMESPACE,
  OPERATOR_PUSHES,
  OPERATOR_REQUESTS,
  type ChatWithMessages,
  type OperatorPushes,
  type OperatorRequests,
  type StaffChatWithMessages,
  type Transcript,
} from '../protocol/operator-contract';
import type { DeskOverview, FollowUp, StaffNote } from '../protocol/desk';
import type { CannedSaveRequest, EndedChatsRequest, SaveAnalyticsRequest, TransferRequest } from '../protocol/requests';
import type { AckDataOf, RequestOf } from '../protocol/socket-contract';
import { Backoff, type BackoffOptions } from './backoff';
import type {
  ConnectionState,
  FailedMessage,
  OperatorConnectionEvent,
  OperatorConnectionListener,
  PendingMessage,
  StaffFailedMessage,
  StaffPendingMessage,
} from './connection-events';
import { FollowedChats } from './followed-chats';
import { newClientId } from './new-id';
import { SendPipeline } from './send-pipeline';
import { StaffChats } from './staff-chats';
import { consoleNotUnderstood, offlineAck, settleAck } from './read-ack';
import { timers } from './timers';
import { emitRequest, listenToPushes, type PushHandlers, type WireSocket } from './typed-socket';

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
  /**
   * The pause before trying again after a failure that may pass (a refused
   * handshake or sync while the server's database restarts, a send answered
   * UNAVAILABLE); 1 s doubling to 30 s by default.
   */
  retryBackoff?: BackoffOptions;
  /** How long a hole in a chat's messages may stay before its messages are fetched again; 1 s by default. */
  gapFillDelayMs?: number;
}

type RequestName = keyof OperatorRequests & string;
type ScreenshareRequestName = Extract<RequestName, `screenshare:${string}`>;

/**
 * The operator console's connection to the `/operator` namespace, with no UI
 * in it: the browser console and the desktop app share it. It reconnects by
 * itself (and, with a growing pause, after refusals that may pass: only a
 * session the server does not know logs the librarian out), catches up after
 * every (re)connect with `console:sync` (sending, for the open chats it
 * follows, the last sequence number with nothing missing below it), holds
 * each chat's messages once and in order, fetches a hole a live message left,
 * and sends chat messages through an Outbox so none is lost while the
 * connection or the server's database is down.
 */
export class OperatorConnection {
  private readonly socket: WireSocket;
  /** The patron chats followed, and their messages: the one home of a patron chat's messages. */
  private readonly chats: FollowedChats;
  /** The staff chats: their messages and the staff messages on their way. */
  private readonly staff: StaffChats;
  /** Patron-chat replies: pending until stored, sent again with the same id after a drop or a refusal that may pass. */
  private readonly replies: SendPipeline<PendingMessage, { message: Message }>;
  private readonly listeners = new Set<OperatorConnectionListener>();
  private readonly timeoutMs: number;
  private readonly stopOnlineSignal: (() => void) | null;
  /** Paces the retries of refused handshakes and failed syncs; reset once caught up. */
  private readonly backoff: Backoff;
  private retryTimer: unknown = null;
  private currentState: ConnectionState = 'offline';
  private everConnected = false;
  private closedByUser = true;
  private restarting = false;
  private syncRound = 0;
  private syncedSinceServerDisconnect = true;

  constructor(options: OperatorConnectionOptions = {}) {
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.backoff = new Backoff(options.retryBackoff);
    this.chats = new FollowedChats({
      onMessages: (chatId, messages) => this.emit({ type: 'messages', chatId, messages }),
      // Not connected: the request is refused at once, and the next sync catches up from the last contiguous seq.
      fetchHistory: async (chatId) => {
        const ack = await this.request('chat:transcript', { chatId }, 'the missing messages');
        return ack.ok ? ack.data.messages : null;
      },
      gapFillDelayMs: options.gapFillDelayMs ?? 1000,
    });
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
    this.replies = new SendPipeline({
      keyOf: (payload) => payload.chatId,
      emit: (payload) => this.sendOnce('chat:send', payload),
      isConnected: () => this.isLive(),
      onDelivered: (result) => this.chats.merge([result.message]),
      onChanged: (chatId) => this.emit({ type: 'outbox', chatId }),
      backoff: options.retryBackoff,
    });
    this.staff = new StaffChats({
      onMessages: (staffChatId, messages, live) => this.emit({ type: 'staff-messages', staffChatId, messages, live }),
      onOutbox: (staffChatId) => this.emit({ type: 'staff-outbox', staffChatId }),
      request: (event, payload, what) => this.request(event, payload, what),
      sendOnce: (payload) => this.sendOnce('staff:send', payload),
      isConnected: () => this.isLive(),
      backoff: options.retryBackoff,
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
    this.cancelRetry();
    this.chats.stop();
    this.replies.stop();
    this.staff.stop();
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
    return this.request('status:set', { status }, 'the status change');
  }

  /** Loads a chat and its messages without claiming it ("click the patron's name"). */
  async preview(chatId: string): Promise<Ack<ChatWithMessages>> {
    return this.loadChat(chatId, () => this.request('chat:preview', { chatId }, 'the preview'));
  }

  /** Claim Chat. A refusal with ALREADY_CLAIMED names who took it. */
  async claim(chatId: string): Promise<Ack<ChatWithMessages>> {
    return this.loadChat(chatId, () => this.request('chat:claim', { chatId }, 'Claim Chat'));
  }

  async end(chatId: string): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:end', { chatId }, 'End Chat');
    if (ack.ok) this.emitChat(ack.data.chat, false);
    return ack;
  }

  saveAnalytics(request: SaveAnalyticsRequest): Promise<Ack<{ entry: AnalyticsEntry }>> {
    return this.request('chat:save-analytics', request, 'the analytics entry');
  }

  transcript(chatId: string): Promise<Ack<Transcript>> {
    return this.request('chat:transcript', { chatId }, 'the transcript request');
  }

  endedChats(request: EndedChatsRequest = {}): Promise<Ack<{ chats: ChatSummary[] }>> {
    return this.request('chats:ended', request, 'the list of ended chats');
  }

  /** The Transcripts tab's search: ended chats you may read that match, newest first, a page at a time. */
  searchTranscripts(search: TranscriptSearch): Promise<Ack<AckDataOf<OperatorRequests, 'transcripts:search'>>> {
    return this.request('transcripts:search', search, 'the transcripts search');
  }

  // ---- transfers and group chats ----

  /** Hands the chat to a colleague (pending until they accept) or back to a department's queue, with an optional briefing. */
  async transfer(request: TransferRequest): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:transfer', request, 'the transfer');
    if (ack.ok) this.emitChat(ack.data.chat, false);
    return ack;
  }

  /** Takes a chat a colleague transferred to you; it comes with its whole history. */
  async acceptTransfer(chatId: string): Promise<Ack<ChatWithMessages>> {
    return this.loadChat(chatId, () => this.request('chat:accept-transfer', { chatId }, 'accepting the transfer'));
  }

  /** Says no to a chat a colleague transferred to me: it stays with them. */
  async declineTransfer(chatId: string): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:decline-transfer', { chatId }, 'declining the transfer');
    if (ack.ok) this.emitChat(ack.data.chat, false);
    return ack;
  }

  /** Leaves a group chat this operator is a participant (not the owner) of. */
  async leaveChat(chatId: string): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:leave', { chatId }, 'leaving the chat');
    if (ack.ok) this.emitChat(ack.data.chat, false);
    return ack;
  }

  // ---- supervisors and admins ----

  /** Gives a chat to a colleague who can take it; they have it at once, its previous owner leaves it. */
  async reassign(chatId: string, toOperatorId: string): Promise<Ack<{ chat: ChatSummary }>> {
    const ack = await this.request('chat:reassign', { chatId, toOperatorId }, 'reassigning the chat');
    if (ack.ok) this.emitChat(ack.data.chat, false);
    return ack;
  }

  /** Takes a chat yourself, with its whole history; its previous owner leaves it. */
  async takeOver(chatId: string): Promise<Ack<ChatWithMessages>> {
    return this.loadChat(chatId, () => this.request('chat:take-over', { chatId }, 'taking over the chat'));
  }

  /** The Desk view: every department's coverage and the open follow-ups. */
  deskOverview(): Promise<Ack<DeskOverview>> {
    return this.request('desk:overview', {}, 'the Desk view');
  }

  /** Opens a chat read-only and follows it live; its operators are told a supervisor is watching. */
  async watch(chatId: string): Promise<Ack<{ chat: ChatSummary; messages: Message[]; notes: StaffNote[] }>> {
    this.chats.expect(chatId);
    const ack = await this.request('chat:watch', { chatId }, 'watching the chat');
    if (ack.ok) this.holdChat({ ok: true, data: { chat: ack.data.chat, messages: ack.data.messages } });
    else this.chats.unexpect(chatId);
    return ack;
  }

  /** Writes privately to the operators of a chat; the patron never sees it. */
  whisper(chatId: string, body: string): Promise<Ack<{ note: StaffNote }>> {
    return this.request('chat:whisper', { chatId, body }, 'whispering to the operators');
  }

  /** A chat's staff-only notes (whispers, supervisor actions, a follow-up left). */
  staffNotes(chatId: string): Promise<Ack<{ notes: StaffNote[] }>> {
    return this.request('chat:staff-notes', { chatId }, "the chat's staff notes");
  }

  /** Sets a colleague's status (a forgotten Online at closing time). */
  setColleagueStatus(operatorId: string, status: OperatorStatus): Promise<Ack<{ presence: OperatorPresence }>> {
    return this.request('operators:set-status', { operatorId, status }, "setting a colleague's status");
  }

  /** Marks a follow-up answered (the reply went by email). */
  markFollowUpAnswered(followUpId: string): Promise<Ack<{ followUp: FollowUp }>> {
    return this.request('follow-ups:answered', { followUpId }, 'marking the follow-up answered');
  }

  /** Before logging out or going Offline: my active chats back to their queues, marked as returned by me. */
  async handBack(): Promise<Ack<{ chats: ChatSummary[] }>> {
    const ack = await this.request('chats:hand-back', {}, 'handing your chats back to the queue');
    if (ack.ok) for (const chat of ack.data.chats) this.emitChat(chat, false);
    return ack;
  }

  // ---- colleagues: the Operators list and staff chats ----

  /** The Operators list, now (the sync brings it too; `operators:presence` keeps it current). */
  listOperators(): Promise<Ack<{ operators: OperatorPresence[] }>> {
    return this.request('operators:list', {}, 'the Operators list');
  }

  /** The staff chat with a colleague (the server makes it on first use) and its whole, archived history. */
  openStaffChat(operatorId: string): Promise<Ack<StaffChatWithMessages>> {
    return this.staff.open(operatorId);
  }

  /** A staff chat's messages after a sequence number (catching up after a reconnect). */
  staffHistory(staffChatId: string, afterSeq = 0): Promise<Ack<StaffChatWithMessages>> {
    return this.staff.history(staffChatId, afterSeq);
  }

  /** A staff chat's messages held so far, in sequence order, each once. */
  staffMessages(staffChatId: string): readonly StaffMessage[] {
    return this.staff.messages(staffChatId);
  }

  /** Queues a staff message; pending until stored, sent again with the same id like a chat message. */
  sendStaff(staffChatId: string, body: string): StaffPendingMessage | null {
    return this.staff.send(staffChatId, body);
  }

  staffPending(staffChatId: string): StaffPendingMessage[] {
    return this.staff.pending(staffChatId);
  }

  staffRefused(staffChatId: string): StaffFailedMessage[] {
    return this.staff.refused(staffChatId);
  }

  /** Staff chats: your own, or (supervisors and admins, with `all`) every one, for review. */
  listStaffChats(all = false): Promise<Ack<{ staffChats: StaffChat[] }>> {
    return this.staff.list(all);
  }

  // ---- read marks ----

  /**
   * Tells the server this operator has read a chat (`kind: 'chat'`) or a staff
   * chat up to `seq`; the answer is the stored mark (it never goes back).
   * Offline it is refused at once: the console sends it again when it is read again.
   */
  markRead(mark: ReadMark): Promise<Ack<ReadMark>> {
    return mark.kind === 'chat'
      ? this.request('chat:read', { chatId: mark.id, seq: mark.seq }, 'the read mark')
      : this.request('staff:read', { staffChatId: mark.id, seq: mark.seq }, 'the read mark');
  }

  // ---- screen sharing ----

  /** A screenshare request (Request Screenshare, Launch, signalling, Stop Share, End); refused at once offline. */
  screenshare<K extends ScreenshareRequestName>(
    event: K,
    payload: RequestOf<OperatorRequests, K>,
  ): Promise<Ack<AckDataOf<OperatorRequests, K>>> {
    return this.request(event, payload, 'the screenshare');
  }

  // ---- messages ----

  /** Tells the others in the chat that this operator is typing, or stopped; dropped while not connected. */
  setTyping(chatId: string, typing: boolean): void {
    // Never emitted while down: socket.io would buffer it and send it on the next socket, before the sync.
    if (!this.isLive()) return;
    // Best effort: a lost typing signal is corrected by the next one, so no ack is awaited.
    this.socket.emit('chat:typing', { chatId, typing }, () => undefined);
  }

  /** Your personal canned messages and the shared ones of your departments. */
  listCanned(): Promise<Ack<{ canned: CannedMessage[] }>> {
    return this.request('canned:list', {}, 'the canned messages');
  }

  saveCanned(request: CannedSaveRequest): Promise<Ack<{ canned: CannedMessage }>> {
    return this.request('canned:save', request, 'the canned message');
  }

  deleteCanned(id: string): Promise<Ack<{ id: string }>> {
    return this.request('canned:delete', { id }, 'deleting the canned message');
  }

  /**
   * Queues a message; it shows as pending until the server has stored it, and
   * is sent again (same id) after a reconnect, a time-out or a refusal that may pass.
   */
  send(chatId: string, body: string): PendingMessage | null {
    const text = body.trim();
    if (text === '') return null;
    const payload = { chatId, id: newClientId(), body: text };
    this.replies.send(payload);
    return payload;
  }

  /** The chat's messages in sequence order, each once. */
  messages(chatId: string): readonly Message[] {
    return this.chats.messages(chatId);
  }

  pending(chatId: string): PendingMessage[] {
    return this.replies.pending(chatId);
  }

  refused(chatId: string): FailedMessage[] {
    return this.replies.refused(chatId);
  }

  dismissRefused(messageId: string): void {
    this.replies.dismissRefused(messageId);
  }

  /**
   * Lets go of an ended chat the console no longer shows (its analytics entry
   * saved, or someone else's): its summary, messages and refused sends are
   * dropped, the next sync does not list it, and opening it again (preview,
   * transcript) fetches it from the server. Refused (false) while the chat is
   * still open as far as the connection knows, or a reply to it is still on
   * its way.
   */
  release(chatId: string): boolean {
    if (this.replies.pending(chatId).length > 0) return false;
    if (!this.chats.release(chatId)) return false;
    for (const message of this.replies.refused(chatId)) this.replies.dismissRefused(message.id);
    return true;
  }

  /** How many patron chats the connection holds state for (tests of a long day). */
  heldSizes(): { known: number; loaded: number } {
    return this.chats.sizes();
  }

  /** What the next sync will send: per open chat followed, the last seq with nothing missing below it. */
  lastSeqByChat(): Record<string, number> {
    return this.chats.lastSeqByChat();
  }

  // ---- internals ----

  private listen(): void {
    const socket = this.socket;
    socket.on('connect', () => {
      this.everConnected = true;
      this.cancelRetry();
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
      // Refused by the server's middleware, which socket.io does not retry. Only a session the server
      // does not know logs the librarian out; anything else (its database restarting) is tried again.
      const message = error.data?.message ?? error.message;
      if (error.data?.code === 'UNAUTHORIZED') {
        this.setState('offline');
        this.emit({ type: 'unauthorized', message });
        return;
      }
      this.setState(this.everConnected ? 'reconnecting' : 'connecting');
      this.emit({ type: 'problem', message: `The Deskbell server did not let this console in (${message}).` });
      this.retryLater();
    });
    socket.io.on('reconnect_attempt', () => this.setState(this.everConnected ? 'reconnecting' : 'connecting'));
    socket.io.on('reconnect_failed', () => this.setState('offline'));

    listenToPushes(socket, OPERATOR_PUSHES, this.pushHandlers(), (event) => {
      const problem = MALFORMED_PUSH_PROBLEMS[event];
      if (problem) this.emit({ type: 'problem', message: problem });
    });
  }

  /** What each push does; a push missing here is a compile error (PushHandlers names every event). */
  private pushHandlers(): PushHandlers<OperatorPushes> {
    return {
      'chat:new': (chat) => this.emitChat(chat, true),
      'chat:updated': (chat) => this.emitChat(chat, false),
      'chat:message': (message) => this.chats.merge([message]),
      'chat:transfer-offered': ({ chat }) => {
        this.chats.note(chat);
        this.emit({ type: 'transfer-offered', chat });
      },
      'chat:assigned': (given) => {
        this.holdChat({ ok: true, data: given });
        this.emit({ type: 'assigned', chat: given.chat });
      },
      'chat:transfer-returned': ({ chat, declinedBy }) => {
        this.chats.note(chat);
        this.emit({ type: 'transfer-returned', chat, declinedBy: declinedBy?.name ?? null });
      },
      'operators:presence': (operator) => this.emit({ type: 'operator', operator }),
      'staff:message': (message) => this.staff.receive(message),
      'chat:typing': (notice) => this.emit({ type: 'typing', notice }),
      'chat:patron-presence': (notice) => this.emit({ type: 'patron-presence', notice }),
      'status:changed': ({ status }) => this.emit({ type: 'status', status }),
      'reads:marked': (mark) => this.emit({ type: 'read-mark', mark }),
      'desk:settings': (settings) => this.emit({ type: 'desk-settings', settings }),
      'screenshare:updated': (session) => this.emit({ type: 'screenshare', session }),
      'screenshare:signal': ({ sessionId, signal }) => this.emit({ type: 'screenshare-signal', sessionId, signal }),
      'chat:escalated': ({ chat, step }) => {
        this.chats.note(chat);
        this.emit({ type: 'chat', chat, isNew: false });
        this.emit({ type: 'escalated', chat, step });
      },
      'desk:alarm': (alarm) => this.emit({ type: 'desk-alarm', alarm }),
      'chat:staff-note': (note) => this.emit({ type: 'staff-note', note }),
      'follow-up:changed': (followUp) => this.emit({ type: 'follow-up', followUp }),
    };
  }

  /** Catches up after every (re)connect; only then is the console "connected" and what waits to be sent flushed. */
  private async sync(): Promise<void> {
    const round = ++this.syncRound;
    const plan = this.chats.planSync();
    const ack = await settleAck(
      () => this.ask('console:sync', { lastSeqByChat: plan.lastSeqByChat }, 'the sync'),
      'the sync',
    );
    if (round !== this.syncRound || !this.socket.connected) return;
    if (!ack.ok) return this.syncFailed(ack.error);
    const forgotten = this.chats.applySync(ack.data, plan.leftOut);
    this.syncedSinceServerDisconnect = true;
    this.backoff.reset();
    this.setState('connected');
    this.emit({ type: 'synced', result: ack.data, forgotten });
    this.replies.flush();
    this.staff.flush();
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
    this.retryLater();
  }

  /**
   * Tries again after a pause that grows with each failure: syncs again on a
   * socket that is still up, or knocks again after a refused handshake. A
   * socket that dropped meanwhile is socket.io's to bring back (it syncs on connect).
   */
  private retryLater(): void {
    this.cancelRetry();
    this.retryTimer = timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.closedByUser) return;
      if (this.socket.connected) void this.sync();
      else if (!this.socket.active) this.socket.connect();
    }, this.backoff.next());
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Skips socket.io's back-off when the connection is not up (the browser says the network is back). */
  private reconnectIfDown(): void {
    if (this.currentState === 'connected') return;
    this.restart();
  }

  private restart(): void {
    if (this.closedByUser) return;
    this.cancelRetry();
    this.restarting = true;
    this.socket.disconnect();
    this.restarting = false;
    this.setState(this.everConnected ? 'reconnecting' : 'connecting');
    this.socket.connect();
  }

  /**
   * Connected and caught up. Nothing is emitted otherwise: socket.io-client
   * buffers what is emitted while it is down and sends it on the next socket
   * before the `connect` handlers run, that is before the sync.
   */
  private isLive(): boolean {
    return this.currentState === 'connected' && this.socket.connected;
  }

  /** A request while live, answered per the contract; offline at once otherwise, TIMEOUT when unanswered. */
  private request<K extends RequestName>(
    event: K,
    payload: RequestOf<OperatorRequests, K>,
    what: string,
  ): Promise<Ack<AckDataOf<OperatorRequests, K>>> {
    if (!this.isLive()) return Promise.resolve(offlineAck(what));
    return settleAck(() => this.ask(event, payload, what), what);
  }

  /** One try of a send; the pipeline sends it again (same id) after a time-out or a refusal that may pass. */
  private sendOnce<K extends 'chat:send' | 'staff:send'>(
    event: K,
    payload: RequestOf<OperatorRequests, K>,
  ): Promise<Ack<AckDataOf<OperatorRequests, K>>> {
    if (!this.isLive()) return Promise.reject(new Error('offline'));
    return this.ask(event, payload, 'the message');
  }

  /** One try; rejects when no answer came in time. */
  private ask<K extends RequestName>(
    event: K,
    payload: RequestOf<OperatorRequests, K>,
    what: string,
  ): Promise<Ack<AckDataOf<OperatorRequests, K>>> {
    const options = { table: OPERATOR_REQUESTS, timeoutMs: this.timeoutMs, notUnderstood: consoleNotUnderstood(what) };
    return emitRequest(this.socket, options, event, payload);
  }

  /** Asks for a chat with its whole history; live messages that overtake the answer are kept, not dropped. */
  private async loadChat(chatId: string, ask: () => Promise<Ack<ChatWithMessages>>): Promise<Ack<ChatWithMessages>> {
    this.chats.expect(chatId);
    const ack = await ask();
    if (!ack.ok) this.chats.unexpect(chatId);
    return this.holdChat(ack);
  }

  private holdChat(ack: Ack<ChatWithMessages>): Ack<ChatWithMessages> {
    if (!ack.ok) return ack;
    const { chat } = ack.data;
    this.emit({ type: 'chat', chat, isNew: false });
    const messages = this.chats.hold(ack.data);
    return { ok: true, data: { chat, messages: [...messages] } };
  }

  /** Notes the chat's newest summary (the next sync lists it only while it is open) and tells the listeners. */
  private emitChat(chat: ChatSummary, isNew: boolean): void {
    this.chats.note(chat);
    this.emit({ type: 'chat', chat, isNew });
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

/** What the console says when a push does not match the contract; the others are dropped quietly, as before. */
const MALFORMED_PUSH_PROBLEMS: Partial<Record<keyof OperatorPushes, string>> = {
  'chat:new': 'A chat update from the server was not understood.',
  'chat:updated': 'A chat update from the server was not understood.',
  'chat:message': 'A message from the server was not understood.',
  'chat:transfer-offered': 'A transfer from the server was not understood.',
  'chat:transfer-returned': 'A returned transfer from the server was not understood.',
  'chat:assigned': 'A chat a supervisor gave you was not understood.',
  'staff:message': 'A staff message from the server was not understood.',
};
