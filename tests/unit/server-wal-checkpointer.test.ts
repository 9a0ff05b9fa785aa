import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/database';
import { checkpointOffTheLoop, type WalCheckpointer } from '../../server/storage/wal-checkpointer';

/**
 * What the WAL index (the -shm file) says: frames in the WAL, and how many of
 * them a checkpoint has copied into the database (SQLite's file format: the
 * header's mxFrame at byte 16, the checkpoint info's nBackfill at byte 96).
 */
function walIndex(path: string): { frames: number; backfilled: number } {
  const shm = readFileSync(`${path}-shm`);
  return { frames: shm.readUInt32LE(16), backfilled: shm.readUInt32LE(96) };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never: ${what}`);
}

const dirs: string[] = [];
const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function walFile(): { file: SqliteDatabase.Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'deskbell-wal-'));
  dirs.push(dir);
  const path = join(dir, 'test.sqlite');
  const file = new SqliteDatabase(path);
  file.pragma('journal_mode = WAL');
  file.exec('create table notes (id integer primary key, body text not null)');
  return { file, path };
}

/** Rows enough for several pages of WAL, committed one transaction each. */
function write(file: SqliteDatabase.Database, rows: number): void {
  const insert = file.prepare('insert into notes (body) values (?)');
  for (let i = 0; i < rows; i++) insert.run('x'.repeat(500));
}

describe('WAL checkpoints off the event loop', () => {
  it('the serving connection never checkpoints; the worker, once the WAL is big enough, copies it all back', async () => {
    const { file, path } = walFile();
    const checkpointer: WalCheckpointer = checkpointOffTheLoop(file, {
      checkpointPages: 20,
      watchMs: 10,
      checkpointMs: 10,
    });
    closers.push(
      () => checkpointer.stop(),
      () => {
        file.close();
      },
    );
    expect(file.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    write(file, 200);
    // Past SQLite's own threshold (here 20 pages) nothing was copied in process.
    expect(walIndex(path).frames).toBeGreaterThan(20);
    expect(walIndex(path).backfilled).toBe(0);

    await until(() => walIndex(path).backfilled === walIndex(path).frames, 'the worker checkpointed the WAL');
    // Once copied, the next writes start the WAL again from its beginning, so it stays bounded.
    write(file, 5);
    expect(walIndex(path).frames).toBeLessThan(20);
    expect(file.prepare('select count(*) as n from notes').get()).toEqual({ n: 205 });
  });

  it('a server that writes little starts no worker, and stopping is then immediate', async () => {
    const { file, path } = walFile();
    const checkpointer = checkpointOffTheLoop(file, { checkpointPages: 10_000, watchMs: 10, checkpointMs: 10 });
    write(file, 50);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(walIndex(path).backfilled).toBe(0);
    await checkpointer.stop();
    file.close();
  });

  it("openStorage's SQLite runs with it and closes cleanly, the last connection checkpointing the WAL away", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbell-wal-'));
    dirs.push(dir);
    const storage = openStorage({ dataDir: dir });
    await sql`create table notes (id integer primary key)`.execute(storage.db);
    expect(existsSync(join(dir, 'deskbell.sqlite-wal'))).toBe(true);
    await storage.close();
    expect(existsSync(join(dir, 'deskbell.sqlite-wal'))).toBe(false);
  });
});
