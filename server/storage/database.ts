import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely';
import pg from 'pg';
import { FreshConnectionDriver } from './fresh-connection-driver';
import { PipelinedWrites } from './pipelined-writes';
import type { DeskbellTables } from './schema';
import { withStatementCache } from './statement-cache';
import { checkpointOffTheLoop } from './wal-checkpointer';

export type DatabaseKind = 'sqlite' | 'postgres';

/** An open Deskbell database: the query builder, which engine it runs on, and how to close it. */
export interface Storage {
  db: Kysely<DeskbellTables>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** A PostgreSQL connection string; without it a SQLite file in dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

// int8 (count(*), bigint timestamps) arrives as a string by default; epoch-ms values fit in a double.
pg.types.setTypeParser(20, Number);

function warnClosed(which: string, error: Error): void {
  console.warn(`deskbell: ${which} PostgreSQL connection was closed (${error.message}); it will be replaced`);
}

/** Whether a database (or a transaction on it) runs on PostgreSQL, for the few choices that differ by engine. */
export function runsOnPostgres(db: Kysely<DeskbellTables>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * SQLite's adapter, carrying the open file: the one hot path that writes a
 * whole group of sends in one turn of the event loop (send-statements.ts)
 * reaches the file through the database it was given, or any transaction or
 * `withPlugin` copy of it, which all share the adapter.
 */
class SqliteFileAdapter extends SqliteAdapter {
  constructor(readonly file: SqliteDatabase.Database) {
    super();
  }
}

/** The SQLite file under a database (or a transaction on it); undefined on PostgreSQL. */
export function sqliteFileOf(db: Kysely<DeskbellTables>): SqliteDatabase.Database | undefined {
  const adapter = db.getExecutor().adapter;
  return adapter instanceof SqliteFileAdapter ? adapter.file : undefined;
}

/**
 * Runs a synchronous better-sqlite3 transaction on the file under `db` (the hot paths' writes: a
 * group of sends, a new chat). When no transaction is open on the file it runs at once: nothing can
 * come between the statements of a synchronous call, and Kysely opens its transactions with a
 * synchronous BEGIN, so none can be half-way. Otherwise it waits for the database's one connection,
 * which the open transaction holds, as any query would. Through the connection's mutex every time
 * it took a dozen promise hops before a new chat could be announced.
 */
export function writeOnFile<T>(db: Kysely<DeskbellTables>, file: SqliteDatabase.Database, write: () => T): Promise<T> {
  if (!file.inTransaction) {
    try {
      return Promise.resolve(write());
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }
  return db.connection().execute(() => Promise.resolve(write()));
}

/**
 * PostgreSQL's adapter, carrying a small pool of pipelined connections for the
 * one hot path that writes a whole group of sends in one round trip
 * (message-store.ts, pipelined-writes.ts); reached as the SQLite file is.
 */
class PostgresWritesAdapter extends PostgresAdapter {
  constructor(readonly writes: PipelinedWrites) {
    super();
  }
}

/** The pipelined writer under a PostgreSQL database (or a transaction on it); undefined on SQLite. */
export function pipelinedWritesOf(db: Kysely<DeskbellTables>): PipelinedWrites | undefined {
  const adapter = db.getExecutor().adapter;
  return adapter instanceof PostgresWritesAdapter ? adapter.writes : undefined;
}

/** Connections of the pipelined writer: one for each group of sends written at once (message-store.ts). */
const PIPELINED_CONNECTIONS = 4;

/** Opens PostgreSQL when a URL is given, otherwise `<dataDir>/deskbell.sqlite` in WAL mode. */
export function openStorage(options: StorageOptions): Storage {
  if (options.databaseUrl) {
    // A connection attempt that hangs (a host gone from the network) fails after a while instead of holding a request for ever.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
    // PostgreSQL can close any connection at any moment (a restart, a failover, an admin's
    // pg_terminate_backend). The pool listens on idle ones itself and reports here; a connection
    // that is checked out for a query has no listener, and its 'error' would crash the whole
    // server. Every connection gets one: the query in flight rejects with the error (its request
    // answers UNAVAILABLE), the transaction it was in is rolled back by PostgreSQL, and the pool
    // drops the broken connection when it is released and opens a fresh one on next use.
    pool.on('error', (error) => warnClosed('an idle', error));
    pool.on('connect', (client) => {
      client.on('error', (error) => warnClosed('a busy', error));
    });
    // Opened on first use, as Kysely's are; the same listeners, for the same reasons.
    const pipelinedPool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: PIPELINED_CONNECTIONS,
      connectionTimeoutMillis: 5_000,
      pipeline: true,
    });
    pipelinedPool.on('error', (error) => warnClosed('an idle', error));
    pipelinedPool.on('connect', (client) => {
      client.on('error', (error) => warnClosed('a busy', error));
    });
    const writes = new PipelinedWrites(pipelinedPool);
    const dialect = new PostgresDialect({ pool });
    const db = new Kysely<DeskbellTables>({
      dialect: {
        createAdapter: () => new PostgresWritesAdapter(writes),
        createDriver: () => new FreshConnectionDriver(dialect.createDriver()),
        createIntrospector: (kysely) => dialect.createIntrospector(kysely),
        createQueryCompiler: () => dialect.createQueryCompiler(),
      },
    });
    return {
      db,
      kind: 'postgres',
      close: async () => {
        await db.destroy();
        await writes.end();
      },
    };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = new SqliteDatabase(join(options.dataDir, 'deskbell.sqlite'));
  file.pragma('journal_mode = WAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  // WAL checkpoints run in a worker thread, not inside the commits of the serving thread (wal-checkpointer.ts).
  const checkpointer = checkpointOffTheLoop(file);
  const cached = withStatementCache(file);
  const dialect = new SqliteDialect({
    database: {
      prepare: cached.prepare,
      close: () => {
        // Closed without storage.close (db.destroy() alone): the worker is told to close too.
        void checkpointer.stop();
        cached.close();
      },
    },
  });
  const db = new Kysely<DeskbellTables>({
    dialect: {
      createAdapter: () => new SqliteFileAdapter(file),
      createDriver: () => dialect.createDriver(),
      createIntrospector: (kysely) => dialect.createIntrospector(kysely),
      createQueryCompiler: () => dialect.createQueryCompiler(),
    },
  });
  return {
    db,
    kind: 'sqlite',
    close: async () => {
      // The worker's connection first, so that the serving one is the last and checkpoints the whole WAL.
      await checkpointer.stop();
      await db.destroy();
    },
  };
}
