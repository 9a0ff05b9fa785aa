import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { Ack, AckError } from '../../protocol/ack';
import { PATRON_REQUESTS, type PatronRequests } from '../../protocol/patron-contract';
import {
  SCREENSHARE_PUSHES,
  type IceConfig,
  type ScreenshareSession,
  type ScreenshareSignal,
} from '../../protocol/screenshare';
import type { AckDataOf, RequestOf } from '../../protocol/socket-contract';
import { unreachable, widgetNotUnderstood } from '../read-ack';
import { timers } from '../timers';
import { emitRequest, listenToPushes, type WireSocket } from '../typed-socket';

/**
 * connecting: before the first attach answer; attached: this window is the
 * patron's side of the session; reconnecting: the socket dropped (it attaches
 * again when it is back); refused: the server will never let this window in
 * (wrong key, the session is over); closed: `close()` was called.
 */
export type ScreenshareWindowLink = 'connecting' | 'attached' | 'reconnecting' | 'refused' | 'closed';

export interface ScreenshareWindowState {
  link: ScreenshareWindowLink;
  /** The session as the server last told it; null before the first attach answer. */
  session: ScreenshareSession | null;
  /** The ICE servers of this session (from the latest attach; TURN credentials lapse, so a re-attach renews them). */
  ice: IceConfig | null;
  /** Why the server refused the window for good, when `link` is refused. */
  refusal: AckError | null;
}

export interface ScreenshareWindowConnectionOptions {
  /** The `/patron` namespace URL, e.g. `https://chat.library.example/patron`. */
  url: string;
  sessionId: string;
  /** The key the widget made and sent with Join. */
  windowKey: string;
  /** How long a request waits for its answer; 8 s by default. */
  ackTimeoutMs?: number;
  /**
   * How often, and how far apart, an attach is tried while the server does not
   * know the window yet: the widget opens the window first and says Join a
   * moment after (window.open must run in the click itself), so the first
   * attach can beat the Join. 10 tries, 500 ms apart, by default.
   */
  attachRetry?: { tries: number; pauseMs: number };
  /** Passed to socket.io-client (tests shorten the reconnection delays). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

/**
 * Codes that mean "not yet": before the Join lands the server answers an
 * attach with SCREENSHARE_NOT_YET (a session still requested) or NOT_FOUND (it
 * holds no key for the session yet, which is also its answer to a wrong key,
 * so these are tried only a few times), and retryable codes mean nothing
 * about the request at all.
 */
const NOT_YET_CODES = new Set([
  'SCREENSHARE_NOT_YET',
  'NOT_FOUND',
  'INTERNAL',
  'UNAVAILABLE',
  'RATE_LIMITED',
  'TIMEOUT',
]);

const DEFAULT_ATTACH_RETRY = { tries: 10, pauseMs: 500 };

/**
 * The patron's screenshare window's own connection to `/patron`: no chat, no
 * resume token, only the one session it was opened for. It attaches with the
 * window key (again after every reconnect, so the server binds the new socket
 * within its grace), hears the session's updates and the operator's
 * signalling, and sends signalling, media reports and End.
 *
 * Framework-free, like PatronConnection: a UI subscribes with `subscribe` and
 * reads `getState()`; signalling goes to `onSignal` listeners.
 */
export class ScreenshareWindowConnection {
  private readonly socket: WireSocket;
  private readonly listeners = new Set<() => void>();
  private readonly signalListeners = new Set<(signal: ScreenshareSignal) => void>();
  private readonly ackTimeoutMs: number;
  private readonly attachRetry: { tries: number; pauseMs: number };
  private retryTimer: unknown = null;
  /** Bumped on every (re)connect, so an attach loop of an older socket stops. */
  private attempt = 0;
  private state: ScreenshareWindowState = { link: 'connecting', session: null, ice: null, refusal: null };

  constructor(private readonly options: ScreenshareWindowConnectionOptions) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
    this.attachRetry = options.attachRetry ?? DEFAULT_ATTACH_RETRY;
    this.socket = io(options.url, {
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      ...options.socketOptions,
    });
    this.socket.on('connect', () => void this.attach());
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
    // Payloads that do not match the contract are dropped; the next attach brings the session as it is.
    listenToPushes(
      this.socket,
      SCREENSHARE_PUSHES,
      {
        'screenshare:updated': (session) => this.onSession(session),
        'screenshare:signal': ({ sessionId, signal }) => {
          if (sessionId !== this.options.sessionId || this.state.link !== 'attached') return;
          for (const listener of this.signalListeners) listener(signal);
        },
      },
      () => undefined,
    );
  }

  getState = (): ScreenshareWindowState => this.state;

  /** Calls `listener` after every change of state; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Calls `listener` with each signalling message from the operator; returns the unsubscribe function. */
  onSignal(listener: (signal: ScreenshareSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  /** Sends one offer answer or ICE candidate to the operator. */
  async signal(signal: ScreenshareSignal): Promise<Ack<{ relayed: boolean }>> {
    return this.request('screenshare:signal', { sessionId: this.options.sessionId, signal });
  }

  /** The patron's picture went on (with what it shows) or off (guest-shares only). */
  async media(sharing: boolean, sourceLabel?: string | null): Promise<Ack<ScreenshareSession>> {
    const ack = await this.request('screenshare:media', {
      sessionId: this.options.sessionId,
      sharing,
      ...(sourceLabel ? { sourceLabel: sourceLabel.slice(0, 200) } : {}),
    });
    return this.sessionOf(ack);
  }

  /** End screenshare: over for both sides. */
  async end(): Promise<Ack<ScreenshareSession>> {
    return this.sessionOf(await this.request('screenshare:end', { sessionId: this.options.sessionId }));
  }

  /** Closes the socket for good (the session's grace then runs out unless End was said). */
  close(): void {
    this.attempt += 1;
    this.clearRetry();
    this.socket.disconnect();
    this.update({ link: 'closed' });
  }

  private async attach(): Promise<void> {
    this.attempt += 1;
    const attempt = this.attempt;
    this.clearRetry();
    for (let tried = 1; ; tried += 1) {
      const ack = await this.request('screenshare:attach', {
        sessionId: this.options.sessionId,
        windowKey: this.options.windowKey,
      });
      // A newer connect (or close) took over meanwhile.
      if (attempt !== this.attempt) return;
      if (ack.ok) {
        this.update({ link: 'attached', ice: ack.data.ice, refusal: null });
        this.onSession(ack.data.session);
        return;
      }
      if (ack.error.code === 'OFFLINE') return; // `connect` attaches again
      if (!NOT_YET_CODES.has(ack.error.code) || tried >= this.attachRetry.tries) {
        this.update({ link: 'refused', refusal: ack.error });
        return;
      }
      await new Promise<void>((resume) => {
        this.retryTimer = timers.setTimeout(() => {
          this.retryTimer = null;
          resume();
        }, this.attachRetry.pauseMs);
      });
      if (attempt !== this.attempt) return;
    }
  }

  private onSession(session: ScreenshareSession): void {
    if (session.id !== this.options.sessionId) return;
    this.update({ session });
  }

  private onDisconnect(reason: string): void {
    this.attempt += 1;
    this.clearRetry();
    if (reason === 'io client disconnect' || this.state.link === 'closed') return;
    if (this.state.link !== 'refused') this.update({ link: 'reconnecting' });
    // socket.io does not reconnect by itself after a server-side disconnect.
    if (reason === 'io server disconnect') this.socket.connect();
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private sessionOf(ack: Ack<{ session: ScreenshareSession }>): Ack<ScreenshareSession> {
    if (!ack.ok) return ack;
    this.onSession(ack.data.session);
    return { ok: true, data: ack.data.session };
  }

  /** One request; OFFLINE while the socket is down (nothing is buffered for a later socket), TIMEOUT when lost. */
  private async request<K extends keyof PatronRequests & string>(
    event: K,
    payload: RequestOf<PatronRequests, K>,
  ): Promise<Ack<AckDataOf<PatronRequests, K>>> {
    if (!this.socket.connected) {
      return { ok: false, error: { code: 'OFFLINE', message: 'Not connected to the library right now.' } };
    }
    const options = { table: PATRON_REQUESTS, timeoutMs: this.ackTimeoutMs, notUnderstood: widgetNotUnderstood };
    try {
      return await emitRequest(this.socket, options, event, payload);
    } catch {
      return unreachable();
    }
  }

  private update(patch: Partial<ScreenshareWindowState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
