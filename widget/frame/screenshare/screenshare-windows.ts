import {
  newWindowKey,
  SCREENSHARE_WINDOW_FEATURES,
  screenshareWindowName,
  screenshareWindowUrl,
} from '../../screenshare-link';

/** What opening a window needs of the browser (tests hand in a fake). */
export interface WindowOpener {
  origin: string;
  open(url: string, name: string, features: string): Window | null;
}

const browserOpener: WindowOpener = {
  get origin() {
    return location.origin;
  },
  open: (url, name, features) => window.open(url, name, features),
};

/**
 * The screenshare windows this widget opened: one key per session, made at
 * the first Join and kept in memory for the session (never stored), so "Open
 * the screenshare window" opens or finds the same window with the same key.
 */
export class ScreenshareWindows {
  private readonly keys = new Map<string, string>();
  private readonly handles = new Map<string, Window>();

  constructor(
    private readonly opener: WindowOpener = browserOpener,
    private readonly makeKey: () => string = () => newWindowKey(),
  ) {}

  /** The session's key, when this widget made one (not after a reload of the widget). */
  keyOf(sessionId: string): string | null {
    return this.keys.get(sessionId) ?? null;
  }

  /**
   * Opens the session's window (making its key the first time), or brings an
   * open one forward. Call it in a click handler: popup blockers allow
   * window.open only there. `opened` is false when the browser blocked it.
   */
  open(sessionId: string): { key: string; opened: boolean } {
    let key = this.keys.get(sessionId);
    if (!key) {
      key = this.makeKey();
      this.keys.set(sessionId, key);
    }
    const open = this.handles.get(sessionId);
    if (open && !open.closed) {
      open.focus();
      return { key, opened: true };
    }
    const url = screenshareWindowUrl(this.opener.origin, sessionId, key);
    const handle = this.opener.open(url, screenshareWindowName(sessionId), SCREENSHARE_WINDOW_FEATURES);
    if (handle) this.handles.set(sessionId, handle);
    return { key, opened: handle !== null };
  }

  /** The Join was refused after all: the window it opened has nothing to join. */
  discard(sessionId: string): void {
    const handle = this.handles.get(sessionId);
    if (handle && !handle.closed) handle.close();
    this.handles.delete(sessionId);
    this.keys.delete(sessionId);
  }
}

/** The widget's one set (a page holds one chat at a time). */
export const screenshareWindows = new ScreenshareWindows();
