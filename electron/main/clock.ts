/**
 * Time for the main process, behind a port so services that wait (the chirp
 * repeat, auto-away, saving the window's place) are tested with a fake clock
 * instead of real waits.
 */

/** Stops a timer; calling it twice is harmless. */
export type Cancel = () => void;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): Cancel;
  setInterval(fn: () => void, ms: number): Cancel;
}

/** The real clock: Date.now and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
  setInterval(fn, ms) {
    const timer = setInterval(fn, ms);
    return () => clearInterval(timer);
  },
};
