/**
 * A throwaway PostgreSQL and Redis for the benches' --cluster runs
 * (alert-latency, message-throughput, fault-drill-cluster): never the
 * machine's own services, and each deployment gets a fresh database of its
 * own. `restartRedis()` kills Redis (SIGKILL) and starts a new one on the
 * same port, empty, as a crashed Redis without persistence comes back.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import pg from 'pg';
import { freePort } from './child-server';

/** A throwaway PostgreSQL and Redis for --cluster; each deployment gets a database of its own. */
export interface ClusterBackends {
  newDatabase(): Promise<string>;
  redisUrl: string;
  /** SIGKILLs Redis and starts a new, empty one on the same port; resolves once it answers PING. */
  restartRedis(): Promise<void>;
  stop(): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True once a Redis on the port answers PING with PONG. */
function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

async function waitForRedis(port: number, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await redisAnswers(port)) return;
    await sleep(50);
  }
  throw new Error(`Redis on 127.0.0.1:${port} did not answer in ${timeoutMs} ms`);
}

export async function startBackends(root: string): Promise<ClusterBackends> {
  // Not inside root: mkdtemp's folder is private to root, and the cluster runs as postgres.
  const pgDir = `/tmp/deskbell-bench-pg-${process.pid}`;
  const adminUrl = execFileSync('bash', ['scripts/throwaway-postgres.sh', 'start', pgDir, String(await freePort())], {
    encoding: 'utf8',
    env: { ...process.env, DESKBELL_PG_DURABLE: '1' },
  }).trim();
  const redisPort = await freePort();
  const startRedis = (): ChildProcess =>
    spawn(
      'redis-server',
      ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', root],
      { stdio: 'ignore' },
    );
  let redis = startRedis();
  await waitForRedis(redisPort).catch(() => sleep(500));
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
    restartRedis: async () => {
      const old = redis;
      if (old.exitCode === null && old.signalCode === null) {
        const gone = new Promise<void>((resolve) => old.once('exit', () => resolve()));
        old.kill('SIGKILL');
        await gone;
      }
      redis = startRedis();
      await waitForRedis(redisPort);
    },
    stop: () => {
      redis.kill('SIGKILL');
      execFileSync('bash', ['scripts/throwaway-postgres.sh', 'stop', pgDir]);
    },
  };
}
