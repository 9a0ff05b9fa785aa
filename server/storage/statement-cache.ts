import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared: every query Deskbell writes, with room for the lists whose `IN (...)` varies. */
const DEFAULT_CAPACITY = 500;

/**
 * The SQLite file as Kysely's SqliteDialect sees it, with each statement
 * prepared once per SQL text and reused. Kysely's own driver prepares every
 * query anew, and preparing (parsing and planning the SQL) cost more than
 * running the statement. better-sqlite3 statements are reusable; Kysely runs
 * one query at a time on the file, so a cached statement is never busy when it
 * is asked for again. The least recently used ones are finalised past `capacity`.
 */
export function withStatementCache(file: BetterSqlite3.Database, capacity = DEFAULT_CAPACITY): SqliteDatabase {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      prepared.clear();
      file.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = prepared.get(sql);
      if (cached) {
        // Re-inserted: a Map keeps insertion order, so the first key is always the least recently used.
        prepared.delete(sql);
        prepared.set(sql, cached);
        return cached;
      }
      const statement = file.prepare(sql);
      prepared.set(sql, statement);
      if (prepared.size > capacity) {
        const oldest = prepared.keys().next().value;
        if (oldest !== undefined) prepared.delete(oldest);
      }
      return statement;
    },
  };
}
