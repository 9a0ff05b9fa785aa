import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read when Prometheus scrapes: this node's sockets, the desk's waiting chats. */
export interface MetricSources {
  socketsIn(namespace: 'operator' | 'patron'): number;
  /** Chats waiting in every queue (the database's count, so every node reports the same). */
  waitingChats(): Promise<number>;
}

/** How long each dependency took to answer a probe, and whether it did. */
export type DependencyName = 'database' | 'redis';

/**
 * One node's Prometheus metrics (prom-client), each labelled with the node's
 * id so a dashboard can tell the nodes of a cluster apart:
 *
 * - `deskbell_sockets{namespace}`: sockets connected to this node;
 * - `deskbell_waiting_chats`: chats waiting to be claimed, desk-wide;
 * - `deskbell_acks_total{namespace,outcome}`: answers to socket requests,
 *   `ok` or the refusal's code (UNAVAILABLE when the database is away);
 * - `deskbell_dependency_seconds{dependency}` and `deskbell_dependency_up`:
 *   the database's `select 1` and Redis's PING, probed every few seconds;
 * - Node's defaults (`nodejs_eventloop_lag_seconds`, heap, handles...).
 *
 * Its own registry, not prom-client's global one: tests run several servers
 * in one process.
 */
export class NodeMetrics {
  readonly registry = new Registry();
  private readonly acks: Counter<'namespace' | 'outcome'>;
  private readonly latency: Histogram<'dependency'>;
  private readonly up: Gauge<'dependency'>;

  constructor(nodeId: string, sources: MetricSources) {
    this.registry.setDefaultLabels({ node: nodeId });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    new Gauge({
      name: 'deskbell_sockets',
      help: 'Sockets connected to this node, per namespace.',
      labelNames: ['namespace'],
      registers: [this.registry],
      collect() {
        for (const namespace of ['operator', 'patron'] as const) this.set({ namespace }, sources.socketsIn(namespace));
      },
    });
    new Gauge({
      name: 'deskbell_waiting_chats',
      help: 'Chats waiting to be claimed, in every department.',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await sources.waitingChats());
        } catch {
          // The database is away: the up gauge says so; this one keeps its last value.
        }
      },
    });
    this.acks = new Counter({
      name: 'deskbell_acks_total',
      help: 'Answers to socket requests, by outcome (ok, or the refusal code).',
      labelNames: ['namespace', 'outcome'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'deskbell_dependency_seconds',
      help: 'Round trip of a probe to the database (select 1) or Redis (PING).',
      labelNames: ['dependency'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [this.registry],
    });
    this.up = new Gauge({
      name: 'deskbell_dependency_up',
      help: '1 when the last probe of the dependency answered, 0 when it did not.',
      labelNames: ['dependency'],
      registers: [this.registry],
    });
  }

  countAnswer(namespace: string, outcome: string): void {
    this.acks.inc({ namespace: namespace.replace(/^\//, ''), outcome });
  }

  probed(dependency: DependencyName, result: { ms: number } | 'unavailable'): void {
    if (result === 'unavailable') {
      this.up.set({ dependency }, 0);
      return;
    }
    this.up.set({ dependency }, 1);
    this.latency.observe({ dependency }, result.ms / 1000);
  }

  /** The text Prometheus scrapes. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
