import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of a test's own, for faults that would disturb every
 * other test on the shared one: stopping it (a database outage or restart)
 * and starting it again on the same port with the same data.
 */
export interface OwnPostgres {
  url: string;
  /** Stops the cluster; `immediate` is a crash (no clean shutdown), `fast` a restart by an admin. */
  halt(mode?: 'fast' | 'immediate'): void;
  resume(): void;
  stop(): void;
}

const SCRIPT = join(import.meta.dirname, '../../scripts/throwaway-postgres.sh');

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'deskbell-own-pg-'));
  const port = await freePort();
  const run = (...args: string[]): string => {
    const result = spawnSync('bash', [SCRIPT, ...args], {
      encoding: 'utf8',
      // Halting with -m immediate must not lose acknowledged commits.
      env: { ...process.env, DESKBELL_PG_DURABLE: '1' },
    });
    if (result.status !== 0) throw new Error(`throwaway-postgres ${args[0]} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  const url = run('start', dir, String(port));
  return {
    url,
    halt: (mode = 'fast') => void run('halt', dir, mode),
    resume: () => void run('resume', dir, String(port)),
    stop: () => void run('stop', dir),
  };
}

/** A TCP port nobody listens on now (the tests' own PostgreSQL, Redis, nodes and HAProxy). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
