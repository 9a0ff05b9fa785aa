import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, pipelinedWritesOf, type Storage } from '../../server/storage/database';
import type { PipelinedWrites } from '../../server/storage/pipelined-writes';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../support/test-database';

/**
 * PostgreSQL's pipelined transactions (the message store's groups of sends):
 * one round trip, all or nothing like any transaction, and a connection that
 * died while idle replaced without a word. PostgreSQL only (SQLite writes its
 * groups on the file in one turn of the event loop).
 */
describe.skipIf(testDatabaseKind() !== 'postgres')('pipelined transactions on PostgreSQL', () => {
  let database: TestDatabase;
  let storage: Storage;
  let writes: PipelinedWrites;
  const dir = mkdtempSync(join(tmpdir(), 'deskbell-pipelined-'));

  beforeAll(async () => {
    database = await createTestDatabase();
    storage = openStorage({ databaseUrl: database.url, dataDir: dir });
    await storage.db.schema
      .createTable('pipelined_notes')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('body', 'text', (column) => column.notNull())
      .execute();
    const found = pipelinedWritesOf(storage.db);
    if (!found) throw new Error('a PostgreSQL storage has a pipelined writer');
    writes = found;
  });
  afterAll(async () => {
    await storage.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (id: string, body: string) => ({
    name: 'pipelined_notes_insert',
    text: 'insert into pipelined_notes (id, body) values ($1, $2) returning id, body',
    values: [id, body],
  });
  const bodies = async (prefix: string) =>
    (
      await sql<{
        id: string;
        body: string;
      }>`select id, body from pipelined_notes where id like ${`${prefix}%`} order by id`.execute(storage.db)
    ).rows;

  it("answers each statement's rows once the transaction has committed", async () => {
    const rows = await writes.transaction([insert('a1', 'one'), insert('a2', 'two'), insert('a3', 'three')]);
    expect(rows).toEqual([[{ id: 'a1', body: 'one' }], [{ id: 'a2', body: 'two' }], [{ id: 'a3', body: 'three' }]]);
    expect(await bodies('a')).toEqual([
      { id: 'a1', body: 'one' },
      { id: 'a2', body: 'two' },
      { id: 'a3', body: 'three' },
    ]);
  });

  it('a statement that fails in the middle fails the whole transaction with its own error; nothing is kept', async () => {
    const failed = await writes
      .transaction([insert('b1', 'one'), insert('b1', 'the same id again'), insert('b3', 'three')])
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((failed as { code?: string }).code).toBe('23505');
    expect(await bodies('b')).toEqual([]);
    // The connection is still good for the next one.
    await writes.transaction([insert('b4', 'four')]);
    expect(await bodies('b')).toEqual([{ id: 'b4', body: 'four' }]);
  });

  it('a connection that died while idle in the pool is replaced, and the transaction written on a fresh one', async () => {
    await writes.transaction([insert('c1', 'before')]);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
    } finally {
      await admin.end();
    }
    await writes.transaction([insert('c2', 'after')]);
    expect(await bodies('c')).toEqual([
      { id: 'c1', body: 'before' },
      { id: 'c2', body: 'after' },
    ]);
  });
});
