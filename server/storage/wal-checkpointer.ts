import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** SQLite's own automatic checkpoint starts at this many WAL pages; so does the worker. */
const CHECKPOINT_PAGES = 1000;
/** How often the serving thread looks at the WAL file's size until the worker runs. */
const WATCH_MS = 1_000;
/** How often the worker checkpoints once it runs (a PASSIVE checkpoint with nothing to copy costs nothing). */
const CHECKPOINT_MS = 200;
/** How long closing waits for the worker to close its connection. */
const CLOSE_WAIT_MS = 2_000;

/**
 * The worker, as plain CommonJS so that it runs the same under tsx, vitest and
 * node: its own better-sqlite3 connection to the same file, with the serving
 * connection's `synchronous`, running `PRAGMA wal_checkpoint(PASSIVE)` every
 * CHECKPOINT_MS. PASSIVE never waits for, nor blocks, a reader or a writer: it
 * copies what no reader still needs and leaves the rest for the next turn.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = ' + workerData.synchronous);
let closed = false;
const close = () => {
  if (closed) return;
  closed = true;
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
};
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message || error) });
    close();
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => { if (message === 'close') close(); });
parentPort.postMessage({ ready: true });
`;

/** The thresholds, for tests (defaults above). */
export interface CheckpointOptions {
  checkpointPages?: number;
  watchMs?: number;
  checkpointMs?: number;
}

export interface WalCheckpointer {
  /** Stops checkpointing and closes the worker's connection; resolves once it is closed. */
  stop(): Promise<void>;
}

/**
 * Takes SQLite's WAL checkpoints off the event loop (issue 10, item 1). With
 * the default `wal_autocheckpoint`, the commit that takes the WAL past 1,000
 * pages also copies those pages into the database file and syncs it, inside
 * the serving thread: profiles of the send path put that at about a third of a
 * group's time. Here the serving connection checkpoints never
 * (`wal_autocheckpoint = 0`) and a worker thread with a connection of its own
 * does, PASSIVE, so commits (and their WAL sync: durability is unchanged) no
 * longer wait for it.
 *
 * The worker is started only once the WAL reaches the size at which SQLite
 * would have checkpointed, so a server (or a test) that writes little never
 * starts a thread. Should the worker fail, the serving connection checkpoints
 * itself again as before. Closing the last connection checkpoints the whole
 * WAL, as ever.
 */
export function checkpointOffTheLoop(file: BetterSqlite3.Database, options: CheckpointOptions = {}): WalCheckpointer {
  const { checkpointPages = CHECKPOINT_PAGES, watchMs = WATCH_MS, checkpointMs = CHECKPOINT_MS } = options;
  if (file.memory || (file.pragma('journal_mode', { simple: true }) as string).toLowerCase() !== 'wal') {
    return { stop: () => Promise.resolve() };
  }
  const autocheckpoint = file.pragma('wal_autocheckpoint', { simple: true }) as number;
  const pageSize = file.pragma('page_size', { simple: true }) as number;
  const synchronous = file.pragma('synchronous', { simple: true }) as number;
  file.pragma('wal_autocheckpoint = 0');

  let worker: Worker | undefined;
  let stopped = false;
  const checkpointInProcess = () => {
    if (file.open) file.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  };

  const start = () => {
    const started = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        path: file.name,
        synchronous,
        intervalMs: checkpointMs,
      },
    });
    started.unref();
    started.on('message', (message: { failed?: string }) => {
      if (message.failed === undefined || stopped) return;
      console.warn(`deskbell: the WAL checkpoint worker stopped (${message.failed}); checkpoints run in process again`);
      checkpointInProcess();
    });
    started.on('error', (error) => {
      if (stopped) return;
      console.warn(`deskbell: the WAL checkpoint worker failed (${error.message}); checkpoints run in process again`);
      checkpointInProcess();
    });
    worker = started;
  };

  // Until the worker runs, the serving thread only looks at the WAL's size now and then.
  const watch = setInterval(() => {
    stat(`${file.name}-wal`).then(
      ({ size }) => {
        if (stopped || worker || size < checkpointPages * pageSize) return;
        clearInterval(watch);
        start();
      },
      () => {},
    );
  }, watchMs);
  watch.unref();

  return {
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(watch);
      const running = worker;
      if (!running) return;
      await new Promise<void>((resolve) => {
        const giveUp = setTimeout(() => void running.terminate().then(() => resolve()), CLOSE_WAIT_MS);
        running.once('exit', () => {
          clearTimeout(giveUp);
          resolve();
        });
        running.postMessage('close');
      });
    },
  };
}
