import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain, type MainRun } from '../../support/run-main';

/** A real Deskbell server process (`server/main.ts --demo`) on a free port over its own SQLite file. */
export interface DeskbellServer {
  /** `http://127.0.0.1:<port>`, as printed on "Deskbell is listening on ...". */
  url: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx server/main.ts --demo --port 0` the way a library
 * would, with a fresh data directory, and waits for its listening line.
 * `env` adds settings, e.g. a short DESKBELL_TRANSFER_TIMEOUT_SECONDS.
 */
export async function startDeskbellServer(
  env: Record<string, string> = {},
  { demo = true }: { demo?: boolean } = {},
): Promise<DeskbellServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'deskbell-e2e-'));
  let run: MainRun;
  try {
    // Without --demo: a library's first run (one admin, one department, no demo staff).
    run = runMain([...(demo ? ['--demo'] : []), '--port', '0', '--data-dir', dataDir], env);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  let url: string;
  try {
    url = await run.listening();
  } catch (error) {
    await run.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    output: run.output,
    async stop() {
      await run.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
