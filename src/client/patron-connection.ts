import type { LeaveFollowUpRequest } from '../protocol/desk';
import type { RateChatRequest } from '../protocol/reports';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { Ack, AckError } from '../protocol/ack';
import type { Message, PatronChatView } from '../protocol/models';
import {
  PATRON_PUSHES,
  PATRON_REQUESTS,
  type PatronChatState,
  type PatronRequests,
  type PatronTypingNotice,
  type QueueMove,
  type QueuePosition,
  type QueueTicket,
  type WidgetConfig,
} from '../protocol/patron-contract';
import type { PatronSendRequest, StartChatRequest } from '../protocol/requests';
import type { ScreenshareSession } from '../protocol/screenshare';
import type { WidgetSettings } from '../protocol/desk-settings';
import type { AckDataOf, RequestOf } from '../protocol/socket-contract';
import { contiguousLastSeq, hasGap, mergeMessages } from '../domain/message-order';
import { Backoff, type BackoffOptions } from './backoff';
import { GapWatch } from './gap-watch';
import { Outbox, type Queued } from './outbox';
import { newClientId } from './new-id';
import { offline, unreachable, widgetNotUnderstood } from './read-ack';
import { timers } from './timers';
import { TYPING_STALE_MS } from './typing-signal';
import { emitRequest, listenToPushes, type WireSocket } from './typed-socket';

/** Where the widget keeps the patron's resume token (the widget uses localStorage, per department). */
export interface ResumeTokenStore {
  read(): string | null;
  write(token: string): void;
  /** Forgets the current token; a store may keep it as this browser's previous one. */
  clear(): void;
  /**
   * The token of this browser's previous chat (kept by `clear`), sent with the
   * next start so the librarian sees the patron's earlier chats ("same browser").
   */
  readPrevious?(): string | null;
}

/** `connecting` before the first connection, `reconnecting` after a drop, `closed` after `close()`. */
export type PatronLink = 'connecting' | 'online' | 'reconnecting' | 'closed';

/** A message on its way; `retrying` says why its last try failed while it waits to be sent again. */
export type PendingSend = Queued<PatronSendRequest>;

export interface FailedSend {
  id: string;
  body: string;
  error: AckError;
}

/** Everything the widget draws from; a new object whenever something changed. */
export interface PatronConnectionState {
  link: PatronLink;
  /** True while a stored resume token is being tried, before the widget knows whether a chat exists. */
  resuming: boolean;
  chat: PatronChatView | null;
  /** The chat's messages, each once, in sequence order. */
  messages: readonly Message[];
  /** Messages the patron sent that the server has not acknowledged yet ("Sending..."). */
  pending: readonly PendingSend[];
  /** Messages the server refused for good (e.g. the chat had ended). */
  failed: readonly FailedSend[];
  /** While the chat waits: its place in the queue (1 is next); null when not waiting or not known. */
  queuePosition: number | null;
  /** The name of the librarian typing right now, or null. */
  librarianTyping: string | null;
  /** The chat's screenshare: a request to answer, or one open in its own window; null when none. */
  screenshare: ScreenshareSession | null;
  /**
   * The widget's words and the form's fields as an admin last changed them
   * while this widget was open (`widget:settings`); null until then. Newer
   * than the widget:config already loaded: a new object on every push.
   */
  settings: WidgetSettings | null;
}

/** The pre-chat form, as the widget sends it; the department is the connection's. */
export type StartChatForm = Omit<StartChatRequest, 'departmentId'>;

export interface PatronConnectionOptions {
  /** The `/patron` namespace URL, e.g. `https://chat.library.example/patron`. */
  url: string;
  departmentId: string;
  tokens: ResumeTokenStore;
  /** How long a request waits for its acknowledgement before it counts as lost. */
  ackTimeoutMs?: number;
  /**
   * How long to wait before trying a resume again when its answer was lost or
   * refused for a moment; also the first pause before a send is tried again,
   * unless `retryBackoff` says otherwise.
   */
  resumeRetryMs?: number;
  makeId?: () => string;
  /** How long a librarian's "typing" lasts without being repeated; TYPING_STALE_MS by default. */
  typingStaleMs?: number;
  /** Passed to socket.io-client (tests shorten the reconnection delays). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** The pause before a send (or a refused handshake) is tried again; `resumeRetryMs` doubling to 30 s by default. */
  retryBackoff?: BackoffOptions;
  /** How long a hole in the messages may stay before the chat is resumed to fetch it; 1 s by default. */
  gapFillDelayMs?: number;
  /**
   * How close a queue move may come to an exact position (the start or resume
   * answer) before the widget asks again; QUEUE_SETTLE_MS by default.
   */
  queueSettleMs?: number;
}

/**
 * A queue move this close to the read behind an exact position may or may
 * not be counted in it (the server commits, then pushes; the read can fall in
 * between): the widget resumes once more, this long after, to know exactly.
 */
export const QUEUE_SETTLE_MS = 1000;

/** Moves remembered for judging an exact position (a busier queue than this is never that close). */
const RECENT_MOVES_MAX = 64;

/** Resumes in a row for the queue's sake before the widget trusts the moves alone. */
const QUEUE_CHECKS_IN_A_ROW_MAX = 3;

/** Codes that mean the stored token will never resume anything: forget it. */
const DEAD_TOKEN_CODES = new Set(['CHAT_NOT_FOUND', 'NOT_FOUND', 'BAD_REQUEST', 'NO_ACTIVE_CHAT', 'UNAUTHORIZED']);

/**
 * The patron's side of a chat: one socket to `/patron` that reconnects by
 * itself. Its handshake names the stored chat's resume token, so the server
 * ties the socket to the chat before it handles anything sent on it (socket.io
 * may send a message buffered while down before the `connect` handlers run).
 * After every (re)connect it resumes the stored chat, asking only for
 * messages after the last contiguous sequence number it holds, and only then
 * re-sends what is still pending. Messages are merged by sequence number, so
 * none is shown twice; a hole a live message leaves is fetched by resuming again.
 *
 * Framework-free: a UI subscribes with `subscribe` and reads `getState()`
 * (React's `useSyncExternalStore` fits this shape).
 */
export class PatronConnection {
  private readonly socket: WireSocket;
  /** Replaced on `forget()`, so nothing written in an old chat is sent into the next one. */
  private outbox: Outbox<PatronSendRequest, { message: Message }>;
  private readonly listeners = new Set<() => void>();
  private readonly ackTimeoutMs: number;
  private readonly resumeRetryMs: number;
  private readonly makeId: () => string;
  /** True once the server has tied this socket to the chat (start or resume answered). */
  private bound = false;
  private resumeTimer: unknown = null;
  private connectTimer: unknown = null;
  private typingTimer: unknown = null;
  private queueCheckTimer: unknown = null;
  private queueChecksInARow = 0;
  /** When the last exact queue position arrived (a start or resume answer, or the server's `queue:position`). */
  private exactPositionAt = Number.NEGATIVE_INFINITY;
  /** The moves heard lately (even before the chat was known), to judge the next exact position by. */
  private recentMoves: Array<{ at: number; ticket: QueueTicket }> = [];
  private readonly retryBackoff: BackoffOptions;
  private readonly connectBackoff: Backoff;
  private readonly gaps: GapWatch;
  /**
   * Live messages heard before the first resume answer named the chat (a
   * fresh page: the handshake already tied the socket to it); merged once the
   * answer says which chat they belong to.
   */
  private early: Message[] = [];
  private state: PatronConnectionState;

  constructor(private readonly options: PatronConnectionOptions) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
    this.resumeRetryMs = options.resumeRetryMs ?? 2000;
    this.makeId = options.makeId ?? newClientId;
    this.state = {
      link: 'connecting',
      resuming: options.tokens.read() !== null,
      chat: null,
      messages: [],
      pending: [],
      failed: [],
      queuePosition: null,
      librarianTyping: null,
      screenshare: null,
      settings: null,
    };
    this.retryBackoff = options.retryBackoff ?? { initialMs: this.resumeRetryMs };
    this.connectBackoff = new Backoff(this.retryBackoff);
    this.gaps = new GapWatch({
      hasGap: () => this.state.chat !== null && hasGap(this.state.messages, this.state.chat.lastSeq),
      fill: () => {
        if (this.socket.connected && this.bound) void this.resume();
      },
      delayMs: options.gapFillDelayMs ?? 1000,
    });
    this.outbox = this.makeOutbox();
    // WebSocket first (no sticky sessions needed across nodes); long-polling only where a network blocks it.
    this.socket = io(options.url, {
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      ...options.socketOptions,
      // Read on every (re)connect: the token changes when a chat starts or is forgotten.
      auth: (callback) => {
        const token = options.tokens.read();
        callback(token ? { resumeToken: token } : {});
      },
    });
    this.socket.on('connect', () => void this.onConnect());
    this.socket.on('connect_error', () => this.onConnectError());
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
    // A push that does not match the contract is dropped: the next resume brings the chat as it is.
    listenToPushes(
      this.socket,
      PATRON_PUSHES,
      {
        'chat:message': (message) => this.onMessage(message),
        'chat:status': (chat) => this.onStatus(chat),
        'chat:follow-up-offered': ({ chatId }) => this.onFollowUpOffered(chatId),
        'queue:position': (position) => this.onQueuePosition(position),
        'queue:moved': (move) => this.onQueueMoved(move),
        'chat:typing': (notice) => this.onTyping(notice),
        'screenshare:updated': (session) => this.onScreenshare(session),
        'widget:settings': (settings) => this.update({ settings }),
        // Signalling is for the patron's screenshare window, which has its own connection.
        'screenshare:signal': () => undefined,
      },
      () => undefined,
    );
  }

  /** One request, answered per the contract; rejects when no answer came in time. */
  private ask<K extends keyof PatronRequests & string>(
    event: K,
    payload: RequestOf<PatronRequests, K>,
  ): Promise<Ack<AckDataOf<PatronRequests, K>>> {
    const options = { table: PATRON_REQUESTS, timeoutMs: this.ackTimeoutMs, notUnderstood: widgetNotUnderstood };
    return emitRequest(this.socket, options, event, payload);
  }

  getState = (): PatronConnectionState => this.state;

  /** Calls `listener` after every change of state; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The department's name, its extra form fields, and whether any librarian is Online now. */
  async loadConfig(): Promise<Ack<WidgetConfig>> {
    try {
      return await this.ask('widget:config', { departmentId: this.options.departmentId });
    } catch {
      return unreachable();
    }
  }

  /** Starts a chat from the pre-chat form and keeps its resume token for later refreshes. */
  async start(form: StartChatForm): Promise<Ack<PatronChatView>> {
    if (!this.socket.connected) return offline();
    let ack;
    const askedAt = Date.now();
    try {
      ack = await this.ask('chat:start', {
        ...form,
        departmentId: this.options.departmentId,
        ...this.previousTokenField(),
      });
    } catch {
      return unreachable();
    }
    if (!ack.ok) return ack;
    this.options.tokens.write(ack.data.resumeToken);
    this.bound = true;
    this.early = [];
    this.update({
      chat: ack.data.chat,
      messages: mergeMessages([], ack.data.messages),
      failed: [],
      queuePosition: waitingPosition(ack.data.chat, ack.data.queuePosition),
    });
    this.exactPosition(askedAt);
    this.outbox.flush();
    return { ok: true, data: ack.data.chat };
  }

  private previousTokenField(): { previousResumeToken?: string } {
    const previous = this.options.tokens.readPrevious?.() ?? null;
    return previous ? { previousResumeToken: previous } : {};
  }

  /** Queues a message; it is re-sent until the server acknowledges it. Returns its id. */
  send(body: string): string | null {
    const text = body.trim();
    if (text === '' || !this.state.chat) return null;
    const id = this.makeId();
    this.outbox.send({ id, body: text });
    return id;
  }

  /** Tells the librarian the patron is typing, or stopped; dropped while not connected (never the text). */
  setTyping(typing: boolean): void {
    // Never emitted while down: socket.io would buffer it and send it on the next socket.
    if (!this.socket.connected || !this.bound || this.state.chat?.status === 'ended') return;
    // Best effort: the next signal corrects a lost one, so no ack is awaited.
    this.socket.emit('chat:typing', { typing }, () => undefined);
  }

  /** The patron ends the chat from the widget. */
  async leave(): Promise<Ack<PatronChatView>> {
    if (!this.socket.connected) return offline();
    try {
      const ack = await this.ask('chat:leave', {});
      if (!ack.ok) return ack;
      this.applyChat(ack.data.chat);
      return { ok: true, data: ack.data.chat };
    } catch {
      return unreachable();
    }
  }

  /**
   * Leaves the question and an email address for a reply later instead of
   * waiting (offered after the desk's last escalation step); the chat ends.
   */
  async leaveFollowUp(form: LeaveFollowUpRequest): Promise<Ack<{ followUpId: string }>> {
    if (!this.socket.connected) return offline();
    try {
      return await this.ask('chat:leave-follow-up', form);
    } catch {
      return unreachable();
    }
  }

  /** "How helpful was this chat?": the patron's answer, once the chat has ended; answering again replaces it. */
  async rate(answer: RateChatRequest): Promise<Ack<{ rating: number }>> {
    if (!this.socket.connected) return offline();
    try {
      return await this.ask('chat:rate', answer);
    } catch {
      return unreachable();
    }
  }

  /** Forgets the current chat and its token, so the next `start` opens a new one ("Start a new chat"). */
  forget(): void {
    this.options.tokens.clear();
    this.bound = false;
    this.early = [];
    this.stopQueueCheck();
    this.gaps.stop();
    this.outbox.stop();
    this.outbox = this.makeOutbox();
    this.update({
      chat: null,
      messages: [],
      pending: [],
      failed: [],
      resuming: false,
      queuePosition: null,
      librarianTyping: null,
    });
  }

  /** Closes the socket for good. */
  close(): void {
    if (this.resumeTimer !== null) timers.clearTimeout(this.resumeTimer);
    if (this.connectTimer !== null) timers.clearTimeout(this.connectTimer);
    if (this.typingTimer !== null) timers.clearTimeout(this.typingTimer);
    this.stopQueueCheck();
    this.gaps.stop();
    this.outbox.stop();
    this.socket.disconnect();
    this.update({ link: 'closed' });
  }

  private async onConnect(): Promise<void> {
    this.connectBackoff.reset();
    this.update({ link: 'online' });
    await this.resume();
  }

  /** Resumes the stored chat: ties the socket to it and fetches what came after the last contiguous seq held. */
  private async resume(): Promise<void> {
    const resumeToken = this.options.tokens.read();
    if (resumeToken === null) {
      this.update({ resuming: false });
      return;
    }
    if (!this.bound) this.update({ resuming: true });
    let ack: Ack<PatronChatState>;
    const askedAt = Date.now();
    try {
      ack = await this.ask('chat:resume', { resumeToken, lastSeq: contiguousLastSeq(this.state.messages) });
    } catch {
      // The answer was lost; try again unless the socket dropped (then `connect` will).
      this.scheduleResume();
      return;
    }
    if (this.options.tokens.read() !== resumeToken) return; // the patron moved on meanwhile
    if (ack.ok) {
      this.bound = true;
      const chat = ack.data.chat;
      const held = this.state.chat?.id === chat.id ? this.state.messages : [];
      const early = this.early.filter((message) => message.chatId === chat.id);
      this.early = [];
      this.update({
        resuming: false,
        chat,
        messages: mergeMessages(mergeMessages(held, early), ack.data.messages),
        queuePosition: waitingPosition(chat, ack.data.queuePosition),
        screenshare: ack.data.screenshare ?? null,
      });
      this.exactPosition(askedAt);
      this.outbox.flush();
      this.gaps.check([chat.id]);
    } else if (DEAD_TOKEN_CODES.has(ack.error.code)) {
      this.forget();
    } else {
      this.scheduleResume();
    }
  }

  private scheduleResume(): void {
    if (this.resumeTimer !== null) timers.clearTimeout(this.resumeTimer);
    this.resumeTimer = timers.setTimeout(() => {
      this.resumeTimer = null;
      if (this.socket.connected && !this.bound) void this.resume();
    }, this.resumeRetryMs);
  }

  /** A handshake the server refused (not a network error, which socket.io retries itself): knock again later. */
  private onConnectError(): void {
    if (this.socket.active || this.connectTimer !== null || this.state.link === 'closed') return;
    this.connectTimer = timers.setTimeout(() => {
      this.connectTimer = null;
      if (this.state.link !== 'closed' && !this.socket.active) this.socket.connect();
    }, this.connectBackoff.next());
  }

  private onDisconnect(reason: string): void {
    this.bound = false;
    if (reason === 'io client disconnect') return;
    this.update({ link: 'reconnecting' });
    // socket.io does not reconnect by itself after a server-side disconnect.
    if (reason === 'io server disconnect') this.socket.connect();
  }

  private onMessage(message: Message): void {
    if (this.state.chat === null) {
      // Which chat this is becomes known with the resume answer; keep what arrives until then.
      if (this.state.resuming && this.early.length < EARLY_MESSAGES_MAX) this.early.push(message);
      return;
    }
    if (message.chatId !== this.state.chat.id) return;
    this.receive([message]);
    this.gaps.check([this.state.chat.id]);
  }

  private onScreenshare(session: ScreenshareSession): void {
    if (this.state.chat !== null && session.chat.id !== this.state.chat.id) return;
    const current = this.state.screenshare;
    // An older session's last word does not replace a newer one's.
    if (current && current.id !== session.id && current.requestedAt > session.requestedAt) return;
    this.update({ screenshare: session });
  }

  /**
   * Join (with the key of the screenshare window the widget opens) or No
   * thanks; End from the widget. Refused at once when the chat is not live.
   */
  async answerScreenshare(sessionId: string, join: boolean, windowKey?: string): Promise<Ack<ScreenshareSession>> {
    if (!this.bound) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected to the library.' } };
    try {
      const ack = await this.ask('screenshare:answer', { sessionId, join, ...(windowKey ? { windowKey } : {}) });
      if (!ack.ok) return ack;
      this.onScreenshare(ack.data.session);
      return { ok: true, data: ack.data.session };
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', message: 'The library did not answer in time; try again.' } };
    }
  }

  async endScreenshare(sessionId: string): Promise<Ack<ScreenshareSession>> {
    if (!this.bound) return { ok: false, error: { code: 'OFFLINE', message: 'Not connected to the library.' } };
    try {
      const ack = await this.ask('screenshare:end', { sessionId });
      if (!ack.ok) return ack;
      this.onScreenshare(ack.data.session);
      return { ok: true, data: ack.data.session };
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', message: 'The library did not answer in time; try again.' } };
    }
  }

  private onFollowUpOffered(chatId: string): void {
    const chat = this.state.chat;
    if (chat?.id !== chatId || chat.status !== 'waiting') return;
    this.update({ chat: { ...chat, followUpOffered: true } });
  }

  private onStatus(chat: PatronChatView): void {
    this.applyChat(chat);
    // Its lastSeq may say a message is missing that never arrived live.
    if (this.state.chat?.id === chat.id) this.gaps.check([chat.id]);
  }

  private onQueuePosition(notice: QueuePosition): void {
    if (notice.chatId !== this.state.chat?.id) return;
    this.update({ queuePosition: waitingPosition(this.state.chat, notice.position) });
    this.exactPosition(Date.now());
  }

  /** Another chat joined or left this chat's queue: one ahead of it moves this chat back or up by one. */
  private onQueueMoved(move: QueueMove): void {
    const now = Date.now();
    this.recentMoves = this.recentMoves.filter((heard) => heard.at >= now - this.queueSettleMs());
    if (this.recentMoves.length < RECENT_MOVES_MAX) this.recentMoves.push({ at: now, ticket: move.ticket });
    const chat = this.state.chat;
    if (!chat || chat.status !== 'waiting' || !isAhead(move.ticket, ticketOf(chat))) return;
    const known = this.state.queuePosition;
    if (known !== null) {
      this.update({ queuePosition: Math.max(1, known + (move.change === 'joined' ? 1 : -1)) });
    }
    // Counted twice or not at all when it crossed the read behind the last exact position: ask again.
    if (known === null || now - this.exactPositionAt < this.queueSettleMs()) this.scheduleQueueCheck();
  }

  /** An exact position just arrived, read after `askedAt`: a move ahead heard close before it may be in it or not. */
  private exactPosition(askedAt: number): void {
    this.exactPositionAt = Date.now();
    const chat = this.state.chat;
    // Half the settling time: the move that scheduled this very check was heard a whole settling time
    // before it asked (or a timer's tick less), and must not count as crossing it again.
    const since = askedAt - this.queueSettleMs() / 2;
    const crossed =
      chat?.status === 'waiting' &&
      this.recentMoves.some((heard) => heard.at >= since && isAhead(heard.ticket, ticketOf(chat)));
    if (crossed) this.scheduleQueueCheck();
    else this.queueChecksInARow = 0;
  }

  private queueSettleMs(): number {
    return this.options.queueSettleMs ?? QUEUE_SETTLE_MS;
  }

  /**
   * One resume a moment later (a pending one stands). A few in a row at most:
   * while moves never stop, every answer is close to one, and the moves
   * themselves keep the place, at worst one off, until the queue calms.
   */
  private scheduleQueueCheck(): void {
    if (this.queueCheckTimer !== null || this.queueChecksInARow >= QUEUE_CHECKS_IN_A_ROW_MAX) return;
    this.queueCheckTimer = timers.setTimeout(() => {
      this.queueCheckTimer = null;
      if (!this.socket.connected || !this.bound || this.state.chat?.status !== 'waiting') return;
      this.queueChecksInARow += 1;
      void this.resume();
    }, this.queueSettleMs());
  }

  private stopQueueCheck(): void {
    if (this.queueCheckTimer !== null) timers.clearTimeout(this.queueCheckTimer);
    this.queueCheckTimer = null;
    this.queueChecksInARow = 0;
  }

  private onTyping(notice: PatronTypingNotice): void {
    if (notice.chatId !== this.state.chat?.id) return;
    if (this.typingTimer !== null) timers.clearTimeout(this.typingTimer);
    this.typingTimer = null;
    if (notice.typing) {
      // The librarian's console repeats "typing" while it lasts; silence means the "stopped" was lost.
      this.typingTimer = timers.setTimeout(() => {
        this.typingTimer = null;
        this.update({ librarianTyping: null });
      }, this.options.typingStaleMs ?? TYPING_STALE_MS);
    }
    this.update({ librarianTyping: notice.typing ? notice.name : null });
  }

  private applyChat(chat: PatronChatView): void {
    if (this.state.chat && this.state.chat.id !== chat.id) return;
    const stillWaiting = chat.status === 'waiting';
    this.update({
      chat,
      queuePosition: stillWaiting ? this.state.queuePosition : null,
      librarianTyping: chat.status === 'active' ? this.state.librarianTyping : null,
    });
  }

  private receive(messages: Message[]): void {
    const merged = mergeMessages(this.state.messages, messages);
    if (merged === this.state.messages) return;
    // A librarian's message ends their typing, even when the "stopped" signal is still on its way.
    const fromLibrarian = messages.some((message) => message.authorKind === 'operator');
    this.update({ messages: merged, librarianTyping: fromLibrarian ? null : this.state.librarianTyping });
  }

  private makeOutbox(): Outbox<PatronSendRequest, { message: Message }> {
    const outbox: Outbox<PatronSendRequest, { message: Message }> = new Outbox({
      emit: (payload) => this.emitSend(payload),
      isConnected: () => this.socket.connected && this.bound && outbox === this.outbox,
      onDelivered: (_payload, result) => {
        if (outbox === this.outbox) this.receive([result.message]);
      },
      onRejected: (payload, error) => {
        if (outbox !== this.outbox) return;
        this.update({ failed: [...this.state.failed, { id: payload.id, body: payload.body, error }] });
      },
      onChange: () => {
        if (outbox === this.outbox) this.update({ pending: outbox.list() });
      },
      backoff: this.retryBackoff,
    });
    return outbox;
  }

  /** One try; the outbox sends it again (same id, so it is stored once) after a time-out or a refusal that may pass. */
  private emitSend(payload: PatronSendRequest): Promise<Ack<{ message: Message }>> {
    return this.ask('chat:send', payload);
  }

  private update(patch: Partial<PatronConnectionState>): void {
    this.state = { ...this.state, ...patch };
    // A pending send that the server already stored (its answer was lost) shows once, as sent.
    if (this.state.pending.length > 0) {
      const stored = new Set(this.state.messages.map((message) => message.id));
      if (this.state.pending.some((payload) => stored.has(payload.id))) {
        this.state = { ...this.state, pending: this.state.pending.filter((payload) => !stored.has(payload.id)) };
      }
    }
    for (const listener of this.listeners) listener();
  }
}

/** Live messages kept while a fresh page waits for its first resume answer; more would be a broken server. */
const EARLY_MESSAGES_MAX = 200;

function ticketOf(chat: PatronChatView): QueueTicket {
  return { createdAt: chat.createdAt, chatId: chat.id };
}

/** Queue order: asked earlier, or in the same millisecond with a smaller id (never itself). */
function isAhead(ticket: QueueTicket, of: QueueTicket): boolean {
  return ticket.createdAt < of.createdAt || (ticket.createdAt === of.createdAt && ticket.chatId < of.chatId);
}

/** A queue position only means something while the chat waits. */
function waitingPosition(chat: PatronChatView | null, position: number | null | undefined): number | null {
  return chat?.status === 'waiting' ? (position ?? null) : null;
}
