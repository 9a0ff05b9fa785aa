import type { PeerSnapshot } from '../../src/client/screenshare/screenshare-peer';
import type {
  ScreenshareChatRef,
  ScreenshareDirection,
  ScreenshareSession,
  ScreenshareSignal,
} from '../../src/protocol';

/** Screen sharing in this console: the sessions this librarian is a party of, and the one live in this window. */
export interface ScreenshareSlice {
  /** By session id: the latest of each session this account is host or guest of (every window hears them). */
  screenshares: Record<string, ScreenshareSession>;
  /** The session whose call runs in this window (one at a time), and how its connection stands. */
  liveScreenshare: { sessionId: string; peer: PeerSnapshot } | null;
  /** Per chat (patron chat or staff chat id): what the server or the browser refused, in their words. */
  screenshareErrors: Record<string, string>;
  /** Per session: a request on its way (the buttons wait for it). */
  screenshareBusy: Record<string, true>;

  /** Request Screenshare ('host-shares') or Ask to see the patron's (colleague's) screen ('guest-shares'). */
  requestScreenshare(chat: ScreenshareChatRef, direction: ScreenshareDirection): Promise<void>;
  /** A colleague's request in a staff chat: Join (the call starts in this window) or No thanks. */
  answerScreenshare(sessionId: string, join: boolean): Promise<void>;
  /** Launch: the call starts (voices first); the answer brings the ICE servers. */
  launchScreenshare(sessionId: string): Promise<void>;
  /** Share Screen: the picker (the desktop's own, or the browser's), then the picture goes out. Call it from a click. */
  shareScreen(sessionId: string): Promise<void>;
  /** Stop Share: the picture stops, the voices go on. */
  stopShare(): Promise<void>;
  setScreenshareMuted(muted: boolean): void;
  /** End (or cancel a request): the session ends for both. */
  endScreenshare(sessionId: string): Promise<void>;

  /** A call this account is in, whose page went (a reload): this window takes its side again and reconnects. */
  rejoinScreenshare(sessionId: string): Promise<void>;
  /** From the connection: a session changed. */
  screenshareUpdated(session: ScreenshareSession): void;
  /** From the connection: the other side signalled. */
  screenshareSignalled(sessionId: string, signal: ScreenshareSignal): void;
  /** After a (re)connect: the sessions the server says are open for this account (a reloaded console sees them again). */
  screenshareSynced(sessions: readonly ScreenshareSession[]): void;
  /** The connection is gone for good (logout): the call stops in this window. */
  dropScreenshareCall(): void;
  /** After a reconnect: this window takes its side of the live session again (its socket is new). */
  screenshareResync(): Promise<void>;
}
