import { z } from 'zod';
import type { Logger } from '../logger';
import type { SavedWindowState } from '../windows/window-placement';
import type { SettingsStore } from './settings-store';

/**
 * What the app remembers that is not a setting: where the main window was,
 * and which one-time hints the librarian has already seen. Kept under their
 * own store keys, parsed on read; anything unreadable counts as never saved.
 */

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);
const savedWindowStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean(),
});

/** One-time hints: shown once, then remembered. */
export const HINTS = ['closed-to-tray'] as const;
export type Hint = (typeof HINTS)[number];
// Any string key: hints a newer version added survive a run of an older one.
const hintsSchema = z.record(z.string(), z.boolean());

export const WINDOW_STATE_KEY = 'windowState';
export const HINTS_KEY = 'hints';

export class UiStateStore {
  constructor(
    private readonly store: SettingsStore,
    private readonly log: Logger,
  ) {}

  /** The main window's last place, or null on first run (or when what was stored is unreadable). */
  windowState(): SavedWindowState | null {
    const parsed = savedWindowStateSchema.safeParse(this.read(WINDOW_STATE_KEY));
    return parsed.success ? parsed.data : null;
  }

  saveWindowState(state: SavedWindowState): void {
    const parsed = savedWindowStateSchema.safeParse({
      bounds: {
        x: Math.round(state.bounds.x),
        y: Math.round(state.bounds.y),
        width: Math.round(state.bounds.width),
        height: Math.round(state.bounds.height),
      },
      maximized: state.maximized,
    });
    if (!parsed.success) {
      this.log.warn('Not remembering a window place that makes no sense', state);
      return;
    }
    this.write(WINDOW_STATE_KEY, parsed.data);
  }

  hintShown(hint: Hint): boolean {
    return this.hints()[hint] === true;
  }

  markHintShown(hint: Hint): void {
    this.write(HINTS_KEY, { ...this.hints(), [hint]: true });
  }

  private hints(): Record<string, boolean> {
    const parsed = hintsSchema.safeParse(this.read(HINTS_KEY));
    return parsed.success ? parsed.data : {};
  }

  private read(key: string): unknown {
    try {
      return this.store.read(key);
    } catch (error) {
      this.log.error(`Could not read ${key}`, error);
      return undefined;
    }
  }

  // Losing the window's place is not worth stopping anything for: log and go on.
  private write(key: string, value: unknown): void {
    try {
      this.store.write(key, value);
    } catch (error) {
      this.log.error(`Could not save ${key}`, error);
    }
  }
}
