import { openRedis, type RedisLink } from './redis-link';

export interface ClusterLinks {
  commands: RedisLink;
  adapter: RedisLink;
  close(): Promise<void>;
}

/** Warnings before fastify's logger exists: the same JSON line shape, naming the node. */
function startupLog(nodeId: string) {
  return {
    warn(object: object, message: string) {
      const err = (object as { err?: unknown }).err;
      console.warn(
        JSON.stringify({
          level: 40,
          time: Date.now(),
          node: nodeId,
          msg: message,
          ...(err instanceof Error ? { err: { message: err.message } } : {}),
        }),
      );
    },
  };
}

/**
 * Opens this node's two Redis connections (redis-link.ts): commands, and the
 * adapter's. A Redis that is not there at start fails the start with its
 * reason, as an unreachable database does: a node that cannot share rooms
 * would serve a desk of its own.
 */
export async function joinCluster(url: string, nodeId: string): Promise<ClusterLinks> {
  const log = startupLog(nodeId);
  const commands = await withStartTimeout(openRedis(url, log, { for: 'commands' }));
  const adapter = await withStartTimeout(openRedis(url, log, { for: 'adapter' })).catch(async (error: unknown) => {
    await commands.close();
    throw error;
  });
  return {
    commands,
    adapter,
    close: async () => {
      await Promise.allSettled([commands.close(), adapter.close()]);
    },
  };
}

const START_TIMEOUT_MS = 10_000;

async function withStartTimeout<T>(opening: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      opening,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Redis (REDIS_URL) did not answer within ${START_TIMEOUT_MS / 1000} s`)),
          START_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
