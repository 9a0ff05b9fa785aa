import type { DesktopSettings, PlaySound } from '../../../src/protocol/desktop-bridge';
import type { Cancel, Clock } from '../clock';

/** However many chats arrive together, the chirp plays at most once in this window. */
export const CHIRP_MIN_GAP_MS = 3000;

export interface SoundSchedulerOptions {
  clock: Clock;
  /** Read at every decision, so a Settings change applies at once. */
  sound: () => DesktopSettings['sound'];
  /** Asks the renderer to play the chirp (`sound/play`). */
  play: (sound: PlaySound) => void;
  minGapMs?: number;
}

/**
 * Decides WHEN the chirp plays; the renderer plays it (Mattermost's desktop
 * does the same). A new chat chirps at once; while any chat waits unclaimed
 * the chirp repeats every `repeatSeconds` (0 never repeats), so a patron
 * never waits unheard behind other windows; a burst of chats makes one chirp.
 */
export class SoundScheduler {
  private lastPlayedAt = Number.NEGATIVE_INFINITY;
  private waiting = 0;
  private cancelRepeat: Cancel | null = null;
  private readonly minGapMs: number;

  constructor(private readonly options: SoundSchedulerOptions) {
    this.minGapMs = options.minGapMs ?? CHIRP_MIN_GAP_MS;
  }

  /** The console saw a new patron chat. */
  newChat(): void {
    this.chirp();
    this.scheduleRepeat();
  }

  /**
   * How many chats wait unclaimed (from the console's presence report). A
   * console that lost its connection counts none: its queue may be stale.
   */
  setWaiting(count: number): void {
    const had = this.waiting > 0;
    this.waiting = Math.max(0, count);
    if (had !== this.waiting > 0) this.scheduleRepeat();
  }

  /** Mute, volume or the repeat interval changed: the next repeat follows the new setting. */
  settingsChanged(): void {
    this.scheduleRepeat();
  }

  dispose(): void {
    this.cancelRepeat?.();
    this.cancelRepeat = null;
  }

  private chirp(): void {
    const sound = this.options.sound();
    if (sound.muted || sound.volume <= 0) return;
    const now = this.options.clock.now();
    if (now - this.lastPlayedAt < this.minGapMs) return;
    this.lastPlayedAt = now;
    this.options.play({ sound: 'chirp', volume: sound.volume });
  }

  /** (Re)starts the repeat timer, counted from now, or stops it when nothing should repeat. */
  private scheduleRepeat(): void {
    this.cancelRepeat?.();
    this.cancelRepeat = null;
    const { muted, repeatSeconds } = this.options.sound();
    if (muted || repeatSeconds <= 0 || this.waiting === 0) return;
    this.cancelRepeat = this.options.clock.setTimeout(() => {
      this.cancelRepeat = null;
      this.chirp();
      this.scheduleRepeat();
    }, repeatSeconds * 1000);
  }
}
