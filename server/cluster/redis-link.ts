import { createClient } from 'redis';

/** The Redis client type this server uses (node-redis, as the streams adapter and rate-limiter-flexible take it). */
export type RedisClient = ReturnType<typeof createClient>;

export interface RedisLink {
  client: RedisClient;
  /** A PING's round trip in milliseconds; rejects when Redis does not answer within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

/** Reconnects forever, backing off to at most this long between tries: Redis coming back is the normal end of an outage. */
const MAX_RECONNECT_DELAY_MS = 2_000;
const PING_TIMEOUT_MS = 1_000;

interface Log {
  warn(object: object, message: string): void;
}

/**
 * Opens a Redis connection. A lost connection is retried for as long as the
 * process runs, and its errors are logged rather than thrown (an 'error' with
 * no listener would end the process and every chat on it).
 *
 * `for: 'commands'` (rate limits, readiness, metrics): commands sent while
 * Redis is down fail at once, since a limit or a check must answer now, and a
 * PING every two seconds notices a half-open connection (a paused Redis).
 * `for: 'adapter'` (the socket.io streams adapter, which duplicates it for its
 * blocking reads): commands wait for the reconnect instead, so the adapter's
 * read loop waits out an outage rather than spinning on instant failures.
 */
export async function openRedis(url: string, log: Log, purpose: { for: 'commands' | 'adapter' }): Promise<RedisLink> {
  const commands = purpose.for === 'commands';
  const client = createClient({
    url,
    disableOfflineQueue: commands,
    ...(commands ? { pingInterval: 2_000 } : {}),
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** Math.min(retries, 6), MAX_RECONNECT_DELAY_MS),
    },
  });
  let lastWarned = 0;
  client.on('error', (error: Error) => {
    // Once a second at most: a Redis that is down reports every reconnect attempt.
    if (Date.now() - lastWarned < 1_000) return;
    lastWarned = Date.now();
    log.warn({ err: error, redis: purpose.for }, 'Redis connection error; retrying');
  });
  await client.connect();
  return {
    client,
    ping: async (timeoutMs = PING_TIMEOUT_MS) => {
      const started = performance.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          client.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
      return performance.now() - started;
    },
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
