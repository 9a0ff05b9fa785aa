import { RateLimiterMemory } from 'rate-limiter-flexible';

/** How many events one socket may send: a burst, and the steady rate it stands for. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export const DEFAULT_SOCKET_RATE_LIMIT: RateLimit = { burst: 40, perSecond: 10 };

/** Says whether one more event under `key` is allowed now. */
export interface EventLimiter {
  take(key: string): Promise<boolean>;
}

/**
 * Events per socket, counted by rate-limiter-flexible in memory: `burst`
 * events in a window of `burst / perSecond` seconds. A console that
 * reconnects and flushes its outbox fits in the burst; a script flooding
 * messages does not. Its Redis store replaces the memory one with scale-out.
 */
export function socketEventLimiter(limit: RateLimit): EventLimiter {
  const limiter = new RateLimiterMemory({
    keyPrefix: 'socket-events',
    points: limit.burst,
    duration: Math.max(1, Math.round(limit.burst / limit.perSecond)),
  });
  return { take: (key) => allowed(limiter, key) };
}

/** consume() rejects with the limiter's verdict when over the limit; only a real error would be anything else. */
export async function allowed(limiter: RateLimiterMemory, key: string): Promise<boolean> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof Error) throw error;
    return false;
  }
}
