import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { DeskbellTables } from './schema';

/**
 * A query built and compiled once, run many times with new values: for the
 * hot paths (a message send runs on every line anyone types), where building
 * Kysely's tree and compiling it each time cost more than running it.
 *
 * `build` gets stand-ins for the named values and writes the query with the
 * ordinary builder and the shared conditions (chat-access-query.ts); the
 * stand-ins come out in the compiled query's parameter list, where each run
 * puts its own values. A value used twice is filled in twice. Values that are
 * not stand-ins stay as compiled (constants such as 'active').
 *
 * Kysely plugins saw the query when it was built; a plugin on the database a
 * run goes through is shown each run's query too (tests count and refuse
 * queries that way) but may not rewrite it: SQL compiled once cannot change.
 *
 * kysely-params does the same, but it pins Kysely 0.24 as a dependency of its
 * own, so this small version is Deskbell's.
 */
export class CompiledOnce<Values extends Record<string, unknown>, Row> {
  private readonly compiled: CompiledQuery<Row>;
  /** For each compiled parameter: the name of the value it takes, or undefined for a constant. */
  private readonly slots: ReadonlyArray<keyof Values | undefined>;

  constructor(db: Kysely<DeskbellTables>, build: (db: Kysely<DeskbellTables>, values: Values) => Compilable<Row>) {
    const names = new Map<string, keyof Values>();
    const standIns = new Proxy({} as Values, {
      get: (_target, name) => {
        if (typeof name !== 'string') throw new Error('compiled-once values are named by strings');
        // A name read from a spread or a loop would be missed: the builder must name each value it uses.
        const standIn = `\u0000compiled-once:${name}\u0000`;
        names.set(standIn, name);
        return standIn;
      },
    });
    // Built without plugins: plugins belong to each run (see above), not to the SQL.
    this.compiled = build(db.withoutPlugins(), standIns).compile();
    this.slots = this.compiled.parameters.map((parameter) =>
      typeof parameter === 'string' ? names.get(parameter) : undefined,
    );
    if (names.size > 0 && !this.slots.some((slot) => slot !== undefined)) {
      throw new Error('compiled-once query: no named value reached the parameters');
    }
  }

  /** Runs the query on `db` (the store's database or a transaction) with these values. */
  async execute(db: Kysely<DeskbellTables>, values: Values): Promise<QueryResult<Row>> {
    const executor = db.getExecutor();
    this.show(db);
    return executor.executeQuery<Row>({ ...this.compiled, parameters: this.parametersOf(values) });
  }

  /**
   * SQLite only: runs the query at once on the file under `db`, in this turn of the event loop,
   * for a caller that holds the database's one connection (so no Kysely transaction is open on it
   * meanwhile). `db`'s plugins are shown the query as by `execute`; their `transformResult`, which
   * is asynchronous, is not called.
   */
  runOnFile(db: Kysely<DeskbellTables>, file: BetterSqlite3.Database, values: Values): Row[] {
    this.show(db);
    if (this.prepared?.file !== file) this.prepared = { file, statement: file.prepare(this.compiled.sql) };
    const { statement } = this.prepared;
    const parameters = this.parametersOf(values);
    if (statement.reader) return statement.all(parameters) as Row[];
    statement.run(parameters);
    return [];
  }

  /**
   * The query's SQL and this run's parameters, for a caller that sends it itself (PostgreSQL's
   * pipelined group of sends, pipelined-writes.ts), with a name that is the same for the same SQL,
   * to prepare it once per connection. `db`'s plugins are shown the query as by `execute`.
   */
  runOf(db: Kysely<DeskbellTables>, values: Values): { name: string; text: string; values: unknown[] } {
    this.show(db);
    this.name ??= `deskbell_${createHash('sha256').update(this.compiled.sql).digest('hex').slice(0, 24)}`;
    return { name: this.name, text: this.compiled.sql, values: this.parametersOf(values) };
  }

  private name: string | undefined;

  /** The statement prepared for runOnFile, on the file it was prepared on. */
  private prepared: { file: BetterSqlite3.Database; statement: BetterSqlite3.Statement } | undefined;

  /** Shows a run to the plugins of the database it goes through (they count and refuse; they may not rewrite). */
  private show(db: Kysely<DeskbellTables>): void {
    for (const plugin of db.getExecutor().plugins) {
      const node = plugin.transformQuery({ node: this.compiled.query, queryId: this.compiled.queryId });
      if (node !== this.compiled.query) throw new Error('a plugin rewrote a compiled-once query; it cannot apply');
    }
  }

  private parametersOf(values: Values): unknown[] {
    return this.compiled.parameters.map((parameter, index) => {
      const slot = this.slots[index];
      return slot === undefined ? parameter : values[slot];
    });
  }
}
