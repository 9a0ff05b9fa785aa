import { timers } from './timers';

export interface GapWatchOptions {
  /** Whether the chat misses messages right now. */
  hasGap(chatId: string): boolean;
  /** Fetches what the chats miss (the caller merges it by seq, so repeats are harmless). */
  fill(chatIds: string[]): void;
  /** How long a hole may stay before it is fetched: live messages often arrive out of order and fill it themselves. */
  delayMs: number;
}

/**
 * Notices chats whose held messages have a hole (a live message arrived while
 * an earlier one did not) and, when the hole is still there after a short
 * pause, asks for the missing messages once.
 */
export class GapWatch {
  private readonly suspects = new Set<string>();
  private timer: unknown = null;

  constructor(private readonly options: GapWatchOptions) {}

  /** Looks at chats whose messages just changed. */
  check(chatIds: Iterable<string>): void {
    for (const chatId of chatIds) if (this.options.hasGap(chatId)) this.suspects.add(chatId);
    if (this.suspects.size === 0 || this.timer !== null) return;
    this.timer = timers.setTimeout(() => {
      this.timer = null;
      const holed = [...this.suspects].filter((chatId) => this.options.hasGap(chatId));
      this.suspects.clear();
      if (holed.length > 0) this.options.fill(holed);
    }, this.options.delayMs);
  }

  /** Stops watching a chat the console no longer follows (released). */
  forget(chatId: string): void {
    this.suspects.delete(chatId);
  }

  stop(): void {
    if (this.timer !== null) timers.clearTimeout(this.timer);
    this.timer = null;
    this.suspects.clear();
  }
}
