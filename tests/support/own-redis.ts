import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './own-postgres';

/**
 * A Redis of a test's own on a free port (never the machine's own on 6379),
 * with no persistence, for faults: a pause (SIGSTOP: it stops answering but
 * keeps its connections, as a frozen VM does) and a restart (a new process on
 * the same port, empty, as after a crash without persistence).
 */
export interface OwnRedis {
  url: string;
  port: number;
  pause(): void;
  unpause(): void;
  /** Kills it and starts an empty one on the same port; resolves once it answers. */
  restart(): Promise<void>;
  stop(): void;
}

/**
 * Whether the programs a cluster test needs are here (`redis-server`, `haproxy`...). Without them
 * the test skips, saying so, except in CI (CI=true), where it runs and fails.
 */
export function clusterToolsPresent(...programs: string[]): boolean {
  const missing = programs.filter((program) => spawnSync('sh', ['-c', `command -v ${program}`]).status !== 0);
  if (missing.length === 0 || process.env.CI === 'true') return true;
  console.warn(
    `skipping the cluster tests: ${missing.join(', ')} not installed (apt-get install redis-server haproxy)`,
  );
  return false;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'deskbell-own-redis-'));
  const port = await freePort();
  let child = await launch(dir, port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pause: () => void child.kill('SIGSTOP'),
    unpause: () => void child.kill('SIGCONT'),
    restart: async () => {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      child = await launch(dir, port);
    },
    stop: () => {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function launch(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  for (let tries = 0; tries < 100; tries += 1) {
    const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' });
    if (ping.stdout.trim() === 'PONG') return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on port ${port}`);
}
