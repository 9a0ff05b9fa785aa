import type { Cancel, Clock } from '../../electron/main/clock';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
  every: number | null;
}

/**
 * A clock that moves only when a test says so. Timers fire in time order
 * during `advance`, each seeing `now()` at its own due time.
 */
export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers: Timer[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): Cancel {
    return this.add(fn, ms, null);
  }

  setInterval(fn: () => void, ms: number): Cancel {
    return this.add(fn, ms, Math.max(1, ms));
  }

  /** Moves time forward, firing every timer that comes due on the way. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = this.#timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#now = due.at;
      if (due.every === null) this.#timers = this.#timers.filter((timer) => timer !== due);
      else due.at += due.every;
      due.fn();
    }
    this.#now = end;
  }

  /** How many timers are waiting. */
  pending(): number {
    return this.#timers.length;
  }

  private add(fn: () => void, ms: number, every: number | null): Cancel {
    const timer: Timer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), fn, every };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((other) => other !== timer);
    };
  }
}
