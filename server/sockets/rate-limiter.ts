/** How many events one socket may send: a burst, refilled at a steady rate. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export const DEFAULT_SOCKET_RATE_LIMIT: RateLimit = { burst: 40, perSecond: 10 };

/**
 * A token bucket for one socket. A console that reconnects and flushes its
 * outbox fits in the burst; a script flooding messages does not.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  /** Takes one token; false when the socket must wait. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.limit.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
