import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { type LimiterFactory, memoryLimiters } from '../sockets/rate-limiter';

/**
 * Slows password guessing without locking the real librarian out, after
 * rate-limiter-flexible's login-protection pattern
 * (https://github.com/animir/node-rate-limiter-flexible/wiki/Overall-example#login-endpoint-protection):
 *
 * - wrong passwords are counted per username *and* address: a few are free,
 *   then that pair must wait, longer after each further wrong one (capped);
 *   bob at his own desk is never slowed by somebody guessing his password
 *   elsewhere, and a right password clears the pair's count;
 * - a generous daily cap per address stops one address from spraying
 *   guesses over many usernames.
 *
 * Correct credentials from an address that has not failed are never refused.
 */
export interface LoginThrottle {
  /**
   * Runs `check` (the password comparison) unless this username must wait at
   * this address; records what it found. `check` resolves to the account when
   * the password is right and to undefined when it is not.
   */
  attempt<T>(username: string, address: string, check: () => Promise<T | undefined>): Promise<LoginOutcome<T>>;
}

export type LoginOutcome<T> =
  { status: 'passed'; value: T } | { status: 'failed' } | { status: 'throttled'; retryAfterMs: number };

export interface LoginThrottleOptions {
  /** Wrong passwords for one username from one address before it must wait. */
  failuresBeforeWait: number;
  /** The first wait; each further wrong password doubles it. */
  firstWaitSeconds: number;
  /** The longest wait. */
  longestWaitSeconds: number;
  /** Wrong passwords from one address in a day, whatever the usernames, before it must wait for the day to end. */
  failuresPerAddressPerDay: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  failuresBeforeWait: 5,
  firstWaitSeconds: 60,
  longestWaitSeconds: 60 * 60,
  // Many staff behind one address (a proxy without --trust-proxy, a NAT) make mistakes too.
  failuresPerAddressPerDay: 200,
};

const DAY_SECONDS = 24 * 60 * 60;

/** Wrong passwords are remembered this long after the first (under RateLimiterMemory's 24.8-day timer limit). */
const FAILURE_MEMORY_SECONDS = DAY_SECONDS;

/**
 * The throttle over rate-limiter-flexible limiters: in memory by default;
 * a cluster passes its Redis store's (rate-limiter.ts) to share it between nodes.
 */
export function createLoginThrottle(
  options: Partial<LoginThrottleOptions> = {},
  makeLimiter: LimiterFactory = memoryLimiters,
): LoginThrottle {
  const settings = { ...DEFAULT_LOGIN_THROTTLE, ...options };
  /** Wrong passwords per username and address, until a right one or a quiet day. */
  const failures = makeLimiter({
    keyPrefix: 'login_fail_username_address',
    points: settings.failuresBeforeWait,
    duration: FAILURE_MEMORY_SECONDS,
  });
  /** A username and address told to wait: blocked (no points left) until the wait ends. */
  const waits = makeLimiter({ keyPrefix: 'login_wait_username_address', points: 1, duration: FAILURE_MEMORY_SECONDS });
  /** Wrong passwords per address in a day. */
  const perAddress = makeLimiter({
    keyPrefix: 'login_fail_address_day',
    points: settings.failuresPerAddressPerDay,
    duration: DAY_SECONDS,
  });
  /**
   * Checks under way per username and address (this process only). Checks
   * sent at once must not all pass the wait before the first is counted.
   */
  const inFlight = new Map<string, number>();

  const waitSeconds = (failureCount: number) =>
    Math.min(
      settings.longestWaitSeconds,
      settings.firstWaitSeconds * 2 ** Math.max(0, failureCount - settings.failuresBeforeWait),
    );

  /** How long `key` must still wait: its points are used up and have not expired yet. */
  const remainingMs = async (limiter: RateLimiterAbstract, key: string, limit: number): Promise<number> => {
    const res = await limiter.get(key);
    return res !== null && res.consumedPoints >= limit ? Math.max(0, res.msBeforeNext) : 0;
  };

  const recordFailure = async (key: string, address: string): Promise<void> => {
    const [counted] = await Promise.all([failures.penalty(key), perAddress.penalty(address)]);
    if (counted.consumedPoints >= settings.failuresBeforeWait) {
      await waits.block(key, waitSeconds(counted.consumedPoints));
    }
  };

  const forget = async (key: string): Promise<void> => {
    await Promise.all([failures.delete(key), waits.delete(key)]);
  };

  return {
    async attempt(username, address, check) {
      const key = `${address}|${username.toLowerCase()}`;
      // Counted before the first await, so that checks sent at once see each other even over a shared store.
      const others = inFlight.get(key) ?? 0;
      inFlight.set(key, others + 1);
      try {
        const waiting = Math.max(
          await remainingMs(waits, key, 1),
          await remainingMs(perAddress, address, settings.failuresPerAddressPerDay),
        );
        if (waiting > 0) return { status: 'throttled', retryAfterMs: waiting };
        if (others > 0 && (await countOf(failures, key)) + others >= settings.failuresBeforeWait) {
          // More at once than the free tries left: the answers under way decide whether a wait follows.
          return { status: 'throttled', retryAfterMs: 1000 };
        }
        const value = await check();
        if (value === undefined) {
          await recordFailure(key, address);
          return { status: 'failed' };
        }
        await forget(key);
        return { status: 'passed', value };
      } finally {
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left > 0) inFlight.set(key, left);
        else inFlight.delete(key);
      }
    },
  };
}

/** Points consumed under `key` and not yet expired. */
async function countOf(limiter: RateLimiterAbstract, key: string): Promise<number> {
  const res = await limiter.get(key);
  return res !== null && res.msBeforeNext > 0 ? res.consumedPoints : 0;
}
