import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * Counts the queries a server makes (every select, insert, update, delete and
 * raw statement that goes through Kysely), by kind, so a test can say how
 * many one Claim Chat or one message send costs. Transactions' BEGIN and
 * COMMIT are not queries here (the driver issues them).
 */
/** No query for this long counts as quiet (generous: a loaded CI machine is slow to run the tails). */
const QUIET_MS = 300;

export class QueryCounter implements KyselyPlugin {
  private counts: Record<string, number> = {};

  /** Counts only what `work` causes, including what it left running after its answer (announcements). */
  async during(work: () => Promise<unknown>): Promise<Record<string, number> & { total: number }> {
    // What earlier work left running (an announcement after its answer) must not count here.
    await this.quiet();
    this.counts = {};
    await work();
    await this.quiet();
    const counted = { ...this.counts };
    return { ...counted, total: Object.values(counted).reduce((sum, n) => sum + n, 0) };
  }

  /** Waits until no query has started for a while: the fire-and-forget tails have finished. */
  private async quiet(): Promise<void> {
    let seen = -1;
    while (seen !== this.total()) {
      seen = this.total();
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    }
  }

  private total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + n, 0);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count(args.node.kind);
    // A statement that also writes inside its WITH (PostgreSQL's one-statement send: an insert in a WITH,
    // an update outside) counts as each of its writes, so "one update and one insert" reads the same on
    // either database; total then counts writes, not round trips.
    const inner = 'with' in args.node ? args.node.with : undefined;
    for (const expression of inner?.expressions ?? []) {
      const kind = expression.expression.kind;
      if (kind !== 'SelectQueryNode') this.count(kind);
    }
    return args.node;
  }

  private count(nodeKind: string): void {
    const kind = nodeKind.replace(/QueryNode$|Node$/, '').toLowerCase();
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
