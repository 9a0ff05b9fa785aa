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
export class QueryCounter implements KyselyPlugin {
  private counts: Record<string, number> = {};

  /** Counts only what `work` causes, including what it left running after its answer (announcements). */
  async during(work: () => Promise<unknown>): Promise<Record<string, number> & { total: number }> {
    this.counts = {};
    await work();
    // Quiet for a while: the fire-and-forget tail (queue positions) has finished too.
    let seen = -1;
    while (seen !== this.total()) {
      seen = this.total();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const counted = { ...this.counts };
    return { ...counted, total: Object.values(counted).reduce((sum, n) => sum + n, 0) };
  }

  private total(): number {
    return Object.values(this.counts).reduce((sum, n) => sum + n, 0);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind.replace(/QueryNode$|Node$/, '').toLowerCase();
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
