/** src/ is runtime-free (no DOM or Node types), yet every JS runtime has timers. */
export const timers = globalThis as unknown as {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** `Date.now` and the runtime's timers, as the clock the schedulers take (the chirp's, in the browser console). */
export const systemClock = {
  now: (): number => Date.now(),
  /** Returns what stops the timer. */
  setTimeout(fn: () => void, ms: number): () => void {
    const handle = timers.setTimeout(fn, ms);
    return () => timers.clearTimeout(handle);
  },
};
