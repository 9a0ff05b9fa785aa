/**
 * Slows password guessing: after too many failed logins for one username, or
 * from one address, within a window, further attempts are refused until the
 * window has passed. Kept in memory: a restart forgets it, which is acceptable
 * for a throttle (a shared store can replace it when running several nodes).
 */
export interface LoginThrottleOptions {
  maxFailuresPerUsername: number;
  maxFailuresPerAddress: number;
  windowMs: number;
  now: () => number;
}

export const DEFAULT_LOGIN_THROTTLE: Omit<LoginThrottleOptions, 'now'> = {
  maxFailuresPerUsername: 8,
  maxFailuresPerAddress: 40,
  windowMs: 15 * 60 * 1000,
};

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: LoginThrottleOptions) {}

  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(username: string, address: string): number {
    return Math.max(
      this.blockedFor(`user:${username.toLowerCase()}`, this.options.maxFailuresPerUsername),
      this.blockedFor(`addr:${address}`, this.options.maxFailuresPerAddress),
    );
  }

  recordFailure(username: string, address: string): void {
    const now = this.options.now();
    for (const key of [`user:${username.toLowerCase()}`, `addr:${address}`]) {
      const recent = this.recent(key, now);
      recent.push(now);
      this.failures.set(key, recent);
    }
  }

  /** A correct password clears the username's record (not the address's: one success must not unlock guessing). */
  recordSuccess(username: string): void {
    this.failures.delete(`user:${username.toLowerCase()}`);
  }

  private blockedFor(key: string, max: number): number {
    const now = this.options.now();
    const recent = this.recent(key, now);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    if (recent.length < max) return 0;
    const oldest = recent[recent.length - max] ?? now;
    return Math.max(1, oldest + this.options.windowMs - now);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((time) => time > now - this.options.windowMs);
  }
}
