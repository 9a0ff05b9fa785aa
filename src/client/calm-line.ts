/** A line for a polite live region, and whether screen readers should hear it this time. */
export interface CalmLineState {
  text: string;
  live: 'polite' | 'off';
}

/**
 * After a screen reader has heard "Pat is typing…", the same words stay silent for this long:
 * someone who pauses and goes on typing would otherwise be announced every few seconds.
 */
export const TYPING_QUIET_MS = 30_000;

/**
 * Decides when a changing status line ("Pat is typing…") is worth announcing: new words are,
 * the same words again only after `quietMs`. The caller shows `text` and sets the region's
 * aria-live to `live` in the same update, so the politeness always matches the words.
 */
export class CalmLine {
  private lastSpoken: { text: string; at: number } | null = null;

  constructor(
    private readonly quietMs = TYPING_QUIET_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  next(text: string): CalmLineState {
    if (text === '') return { text: '', live: 'polite' };
    const at = this.now();
    const last = this.lastSpoken;
    const fresh = last === null || last.text !== text || at - last.at >= this.quietMs;
    if (fresh) this.lastSpoken = { text, at };
    return { text, live: fresh ? 'polite' : 'off' };
  }
}
