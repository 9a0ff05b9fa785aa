import { timers } from './timers';

/** After this long without a keystroke the typist counts as stopped. */
export const TYPING_IDLE_MS = 4000;
/** While typing goes on, "typing" is said again this often. */
export const TYPING_REPEAT_MS = 3000;
/**
 * A receiver drops a "typing" not repeated for this long (its "stopped" was
 * lost with a connection). It outlasts TYPING_REPEAT_MS with room for a late
 * repeat, so a librarian or patron who keeps typing never flickers off.
 */
export const TYPING_STALE_MS = 8000;

export interface TypingSignalOptions {
  /** Sends "typing" (true) or "stopped" (false) to the other side. */
  send(typing: boolean): void;
  /** After this long without a keystroke the typist counts as stopped; TYPING_IDLE_MS by default. */
  idleMs?: number;
  /**
   * While typing goes on, "typing" is said again this often, so a receiver that
   * drops stale signals (a lost "stopped") keeps showing it; TYPING_REPEAT_MS by default.
   */
  repeatMs?: number;
  now?: () => number;
}

/**
 * Turns keystrokes in a message box into few typing signals: one "typing" when
 * the draft starts to change (repeated now and then while it goes on), one
 * "stopped" when the draft is sent, emptied, or left alone for a while. The
 * text itself never leaves the box.
 */
export class TypingSignal {
  private typing = false;
  private lastSentAt = 0;
  private idleTimer: unknown = null;
  private readonly idleMs: number;
  private readonly repeatMs: number;
  private readonly now: () => number;

  constructor(private readonly options: TypingSignalOptions) {
    this.idleMs = options.idleMs ?? TYPING_IDLE_MS;
    this.repeatMs = options.repeatMs ?? TYPING_REPEAT_MS;
    this.now = options.now ?? (() => Date.now());
  }

  /** The draft changed to `text`. */
  draftChanged(text: string): void {
    if (text.trim() === '') return this.stop();
    const now = this.now();
    if (!this.typing || now - this.lastSentAt >= this.repeatMs) {
      this.typing = true;
      this.lastSentAt = now;
      this.options.send(true);
    }
    this.clearIdle();
    this.idleTimer = timers.setTimeout(() => this.stop(), this.idleMs);
  }

  /** The draft was sent, or the box is going away: say "stopped" if "typing" was said. */
  stop(): void {
    this.clearIdle();
    if (!this.typing) return;
    this.typing = false;
    this.options.send(false);
  }

  private clearIdle(): void {
    if (this.idleTimer !== null) timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
