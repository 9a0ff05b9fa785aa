/** src/ is runtime-free (no DOM or Node types), yet every JS runtime has timers. */
export const timers = globalThis as unknown as {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};
