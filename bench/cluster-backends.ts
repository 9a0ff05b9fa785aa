/**
 * A throwaway PostgreSQL and Redis for the benches' --cluster runs
 * (alert-latency, message-throughput): never the machine's own services,
 * and each deployment gets a fresh database of its own.
 */
import { execFileSync, spawn } from 'node:child_process';
import pg from 'pg';
import { freePort } from './child-server';

/** A throwaway PostgreSQL and Redis for --cluster; each deployment gets a database of its own. */
export interface ClusterBackends {
  newDatabase(): Promise<string>;
  redisUrl: string;
  stop(): void;
}

export async function startBackends(root: string): Promise<ClusterBackends> {
  // Not inside root: mkdtemp's folder is private to root, and the cluster runs as postgres.
  const pgDir = `/tmp/deskbell-bench-pg-${process.pid}`;
  const adminUrl = execFileSync('bash', ['scripts/throwaway-postgres.sh', 'start', pgDir, String(await freePort())], {
    encoding: 'utf8',
    env: { ...process.env, DESKBELL_PG_DURABLE: '1' },
  }).trim();
  const redisPort = await freePort();
  const redis = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', root],
    { stdio: 'ignore' },
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  let made = 0;
  return {
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    newDatabase: async () => {
      const name = `bench_${process.pid}_${(made += 1)}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: () => {
      redis.kill('SIGKILL');
      execFileSync('bash', ['scripts/throwaway-postgres.sh', 'stop', pgDir]);
    },
  };
}
