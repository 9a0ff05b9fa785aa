import type { DesktopSettings, PlaySound, PresenceSnapshot } from '../protocol/desktop-bridge';
import { hearsNewChats } from './presence';

/** However many chats arrive together, the chirp plays at most once in this window. */
export const CHIRP_MIN_GAP_MS = 3000;

export type ChirpSettings = DesktopSettings['sound'];

/**
 * The time the scheduler needs. The main process passes its Clock, the
 * browser console its own timers, tests a fake clock.
 */
export interface ChirpClock {
  now(): number;
  /** Returns what stops the timer; calling it twice is harmless. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export interface ChirpSchedulerOptions {
  clock: ChirpClock;
  /** Read at every decision, so a Settings change applies at once. */
  sound: () => ChirpSettings;
  /** Plays the chirp: the desktop asks its renderer (`sound/play`), the browser console plays it itself. */
  play: (sound: PlaySound) => void;
  minGapMs?: number;
}

/** Whether the chirp may play now, `sinceLastMs` after the last one: not muted, audible, and not too soon. */
export function chirpMayPlay(sound: ChirpSettings, sinceLastMs: number, minGapMs = CHIRP_MIN_GAP_MS): boolean {
  return !sound.muted && sound.volume > 0 && sinceLastMs >= minGapMs;
}

/** Past T1 of the escalation ladder the chirp repeats at least this often, whatever the setting says. */
export const ESCALATED_REPEAT_MS = 10_000;

/**
 * How long until the chirp repeats while `waiting` chats wait unclaimed; null
 * when it does not repeat. While any of them is past T1 (`escalated`), twice
 * as often, and at least every ESCALATED_REPEAT_MS: a chat waiting long must
 * sound more urgent than a new one. Muted stays muted.
 */
export function chirpRepeatMs(sound: ChirpSettings, waiting: number, escalated = 0): number | null {
  if (sound.muted || waiting <= 0) return null;
  if (escalated > 0) {
    const usual = sound.repeatSeconds > 0 ? (sound.repeatSeconds * 1000) / 2 : ESCALATED_REPEAT_MS;
    return Math.min(usual, ESCALATED_REPEAT_MS);
  }
  if (sound.repeatSeconds <= 0) return null;
  return sound.repeatSeconds * 1000;
}

/**
 * Decides WHEN the chirp plays, for the desktop app's main process and the
 * browser console alike (Mattermost's desktop decides in main too). A new
 * chat chirps at once; while any chat waits unclaimed the chirp repeats every
 * `repeatSeconds` (0 never repeats), so a patron never waits unheard behind
 * other windows; a burst of chats makes one chirp.
 */
export class ChirpScheduler {
  private lastPlayedAt = Number.NEGATIVE_INFINITY;
  private waiting = 0;
  private escalated = 0;
  private cancelRepeat: (() => void) | null = null;
  private readonly minGapMs: number;

  constructor(private readonly options: ChirpSchedulerOptions) {
    this.minGapMs = options.minGapMs ?? CHIRP_MIN_GAP_MS;
  }

  /** The console saw a new patron chat. */
  newChat(): void {
    this.chirp();
    this.scheduleRepeat();
  }

  /** How many chats wait unclaimed, and how many of them are past T1 of their ladder. */
  setWaiting(count: number, escalated = 0): void {
    const had = this.waiting > 0;
    const hadEscalated = this.escalated > 0;
    this.waiting = Math.max(0, count);
    this.escalated = Math.max(0, Math.min(escalated, this.waiting));
    if (had !== this.waiting > 0 || hadEscalated !== this.escalated > 0) this.scheduleRepeat();
  }

  /**
   * The console's presence report: a console that lost its connection counts none waiting (its queue
   * may be stale), and an Away operator hears no repeating chirp.
   */
  presenceReported(
    presence: Pick<PresenceSnapshot, 'connected' | 'waiting'> & Partial<Pick<PresenceSnapshot, 'status' | 'escalated'>>,
  ): void {
    const hears = presence.status === undefined || hearsNewChats(presence.status);
    const counts = presence.connected && hears;
    this.setWaiting(counts ? presence.waiting : 0, counts ? (presence.escalated ?? 0) : 0);
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
    const now = this.options.clock.now();
    if (!chirpMayPlay(sound, now - this.lastPlayedAt, this.minGapMs)) return;
    this.lastPlayedAt = now;
    this.options.play({ sound: 'chirp', volume: sound.volume });
  }

  /** (Re)starts the repeat timer, counted from now, or stops it when nothing should repeat. */
  private scheduleRepeat(): void {
    this.cancelRepeat?.();
    this.cancelRepeat = null;
    const repeatMs = chirpRepeatMs(this.options.sound(), this.waiting, this.escalated);
    if (repeatMs === null) return;
    this.cancelRepeat = this.options.clock.setTimeout(() => {
      this.cancelRepeat = null;
      this.chirp();
      this.scheduleRepeat();
    }, repeatMs);
  }
}
