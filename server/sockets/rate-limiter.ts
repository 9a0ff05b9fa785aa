import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { RedisClient } from '../cluster/redis-link';

/** How many events one socket may send: a burst, and the steady rate it stands for. */
export interface RateLimit {
  burst: number;
  perSecond: number;
}

export const DEFAULT_SOCKET_RATE_LIMIT: RateLimit = { burst: 40, perSecond: 10 };

/** What a limiter is built with: points per `duration` seconds, under its own key prefix. */
export interface LimiterSpec {
  keyPrefix: string;
  points: number;
  duration: number;
}

/** Builds the server's limiters (socket events, chat starts, connections, the login throttle). */
export type LimiterFactory = (spec: LimiterSpec) => RateLimiterAbstract;

/** One process's memory: a single node, and the tests. */
export const memoryLimiters: LimiterFactory = (spec) => new RateLimiterMemory(spec);

/**
 * A cluster's limiters: rate-limiter-flexible's Redis store, so a patron
 * reconnecting through another node is counted with what they already used
 * and a guesser cannot spread guesses over the nodes. While Redis does not
 * answer, each node counts in its own memory (the store's insurance limiter)
 * rather than refusing everyone or letting everything through.
 */
export function redisLimiters(client: RedisClient): LimiterFactory {
  return (spec) =>
    new PromptRedisLimiter({
      ...spec,
      keyPrefix: `deskbell:${spec.keyPrefix}`,
      storeClient: client,
      useRedisPackage: true,
      // A connection known to be down goes to the insurance at once.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(spec),
    });
}

/** How long a limiter waits for Redis before counting in memory instead. */
const REDIS_ANSWER_MS = 500;

type StoreOperation = (...args: unknown[]) => Promise<unknown>;

/**
 * RateLimiterRedis whose store operations give up after REDIS_ANSWER_MS. A
 * paused Redis (a frozen VM, a network that drops packets) keeps the
 * connection open and never answers, and node-redis does not time out a
 * command once written, so every request would wait for it. A late answer
 * is an error like any other: rate-limiter-flexible then asks the insurance
 * limiter. `_upsert`, `_get` and `_delete` are the operations its stores
 * implement, and through which every consume, penalty, block and get goes.
 */
class PromptRedisLimiter extends RateLimiterRedis {
  constructor(options: ConstructorParameters<typeof RateLimiterRedis>[0]) {
    super(options);
    const store = this as unknown as Record<'_upsert' | '_get' | '_delete', StoreOperation>;
    for (const name of ['_upsert', '_get', '_delete'] as const) {
      const operation = store[name].bind(this);
      store[name] = (...args) => withinTime(operation(...args));
    }
  }
}

function withinTime<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${REDIS_ANSWER_MS} ms`)), REDIS_ANSWER_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Says whether one more event under `key` is allowed now. */
export interface EventLimiter {
  take(key: string): Promise<boolean>;
}

/**
 * Events per socket: `burst` events in a window of `burst / perSecond`
 * seconds. A console that reconnects and flushes its outbox fits in the
 * burst; a script flooding messages does not.
 */
export function socketEventLimiter(limit: RateLimit, makeLimiter: LimiterFactory = memoryLimiters): EventLimiter {
  const limiter = makeLimiter({
    keyPrefix: 'socket-events',
    points: limit.burst,
    duration: Math.max(1, Math.round(limit.burst / limit.perSecond)),
  });
  return { take: (key) => allowed(limiter, key) };
}

/** consume() rejects with the limiter's verdict when over the limit; only a real error would be anything else. */
export function allowed(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
  // Promise callbacks, not an async function: every socket event waits for this (issue 10, item 2).
  return limiter.consume(key).then(
    () => true,
    (verdict: unknown) => {
      if (verdict instanceof Error) throw verdict;
      return false;
    },
  );
}
