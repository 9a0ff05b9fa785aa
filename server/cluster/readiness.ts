import { sql } from 'kysely';
import type { Storage } from '../storage/database';
import type { NodeMetrics } from './node-metrics';
import type { RedisLink } from './redis-link';

/** How each dependency answered, for `/ready` and the metrics. */
export interface Readiness {
  ready: boolean;
  node: string;
  database: 'ok' | 'unavailable';
  redis: 'ok' | 'unavailable' | 'not used';
  /** The node is shutting down: the load balancer should send nothing new. */
  closing: boolean;
}

/** A dependency that has not answered by then counts as unavailable (a paused Redis never answers). */
const PROBE_TIMEOUT_MS = 2_000;
/** How often the metrics' probes run between scrapes. */
const PROBE_EVERY_MS = 5_000;

/**
 * Asks the node's database and Redis whether they answer: readiness for the
 * load balancer (a node that cannot reach either must not be sent patrons)
 * and the dependency metrics. Liveness (`/health`) stays the database only.
 */
export class ReadinessProbe {
  private closing = false;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly deps: { storage: Storage; redis: RedisLink | undefined; metrics: NodeMetrics; nodeId: string },
  ) {
    this.timer = setInterval(() => void this.check(), PROBE_EVERY_MS);
    this.timer.unref();
    // The first figures at once, not a probe period after the start.
    void this.check();
  }

  async check(): Promise<Readiness> {
    const [database, redis] = await Promise.all([this.probeDatabase(), this.probeRedis()]);
    return {
      ready: !this.closing && database === 'ok' && redis !== 'unavailable',
      node: this.deps.nodeId,
      database,
      redis,
      closing: this.closing,
    };
  }

  /** From now on the node answers not ready, so the balancer drains it before it closes. */
  markClosing(): void {
    this.closing = true;
    clearInterval(this.timer);
  }

  private async probeDatabase(): Promise<Readiness['database']> {
    const started = performance.now();
    try {
      await withTimeout(sql`select 1`.execute(this.deps.storage.db), 'the database');
      this.deps.metrics.probed('database', { ms: performance.now() - started });
      return 'ok';
    } catch {
      this.deps.metrics.probed('database', 'unavailable');
      return 'unavailable';
    }
  }

  private async probeRedis(): Promise<Readiness['redis']> {
    const redis = this.deps.redis;
    if (!redis) return 'not used';
    try {
      this.deps.metrics.probed('redis', { ms: await redis.ping(PROBE_TIMEOUT_MS) });
      return 'ok';
    } catch {
      this.deps.metrics.probed('redis', 'unavailable');
      return 'unavailable';
    }
  }
}

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
