/** How long to wait between tries; 1 s doubling to 30 s by default. */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** A number in [0, 1); Math.random by default (tests pin it). */
  random?: () => number;
}

/**
 * The pause before the next try after a failure that may pass (a database
 * restart, a busy server): it doubles each time up to a ceiling, and each
 * pause is between half and all of its step, so the consoles and widgets of a
 * whole library do not all come back in the same instant. `reset()` after a
 * success starts again from the first step.
 */
export class Backoff {
  private failures = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 1000;
    this.maxMs = options.maxMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  /** The pause before the next try; each call counts one more failure. */
  next(): number {
    const step = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.round(step / 2 + (this.random() * step) / 2);
  }

  reset(): void {
    this.failures = 0;
  }
}
