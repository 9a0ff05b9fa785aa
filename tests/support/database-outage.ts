import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';
import type { RootOperationNode } from 'kysely';

/**
 * A switch that makes every query fail the way a database that went away
 * fails (`ECONNREFUSED`), on SQLite as on PostgreSQL. It sits in front of the
 * real database as a Kysely plugin: queries are refused before they run, so
 * nothing half-written is left behind. PostgreSQL-only tests stop a real
 * cluster instead (own-postgres.ts).
 */
export class DatabaseOutage implements KyselyPlugin {
  private down = false;
  /** Queries refused while down. */
  refused = 0;

  begin(): void {
    this.down = true;
  }

  end(): void {
    this.down = false;
  }

  get isDown(): boolean {
    return this.down;
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.down) {
      this.refused += 1;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432 (test outage)'), { code: 'ECONNREFUSED' });
    }
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
