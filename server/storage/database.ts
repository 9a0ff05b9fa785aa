import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DeskbellTables } from './schema';

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

/** Opens PostgreSQL when a URL is given, otherwise `<dataDir>/deskbell.sqlite` in WAL mode. */
export function openStorage(options: StorageOptions): Storage {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection that PostgreSQL closes (a restart, a failover, an admin's
    // pg_terminate_backend) is reported here; without a listener Node would crash the
    // whole server. The pool drops that connection and opens a fresh one on next use.
    pool.on('error', (error) => {
      console.warn(`deskbell: an idle PostgreSQL connection was closed (${error.message}); it will be replaced`);
    });
    const db = new Kysely<DeskbellTables>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = new SqliteDatabase(join(options.dataDir, 'deskbell.sqlite'));
  file.pragma('journal_mode = WAL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  const db = new Kysely<DeskbellTables>({ dialect: new SqliteDialect({ database: file }) });
  return { db, kind: 'sqlite', close: () => db.destroy() };
}
