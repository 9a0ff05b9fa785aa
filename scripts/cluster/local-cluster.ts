/**
 * `npm run cluster`: a two-node Deskbell cluster on this machine, for trying
 * it out. A throwaway PostgreSQL and Redis on free ports (never the
 * machine's own), two `server/main.ts` nodes with the demo library, and
 * HAProxy in front with the README's configuration (haproxy-config.ts).
 * Everything stops with Ctrl-C and its data is thrown away.
 *
 *   npm run cluster [-- --port 8080 --nodes 2]
 *
 * Needs `postgresql`, `redis-server` and `haproxy` (Debian packages).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { haproxyConfig } from './haproxy-config';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8080' }, nodes: { type: 'string', default: '2' } },
});
const port = wholeNumber('--port', values.port, 1, 65535);
const nodeCount = wholeNumber('--nodes', values.nodes, 1, 9);

function wholeNumber(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`cluster: ${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    process.exit(2);
  }
  return value;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const root = mkdtempSync(join(tmpdir(), 'deskbell-cluster-'));
const children: ChildProcess[] = [];
let postgresDir: string | undefined;

function stopAll(): void {
  for (const child of children.reverse()) child.kill('SIGTERM');
  if (postgresDir) {
    spawnSync('bash', ['scripts/throwaway-postgres.sh', 'stop', postgresDir], { stdio: 'ignore' });
    rmSync(postgresDir, { recursive: true, force: true });
  }
  rmSync(root, { recursive: true, force: true });
}

function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve(match[1] ?? '');
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

async function main(): Promise<void> {
  // Its own folder beside the rest: the script hands it to the postgres user when run as root.
  postgresDir = mkdtempSync(join(tmpdir(), 'deskbell-cluster-pg-'));
  const pgPort = await freePort();
  const pg = spawnSync('bash', ['scripts/throwaway-postgres.sh', 'start', postgresDir, String(pgPort)], {
    encoding: 'utf8',
  });
  if (pg.status !== 0) throw new Error(`PostgreSQL did not start: ${pg.stderr}`);
  const databaseUrl = pg.stdout.trim();

  const redisPort = await freePort();
  const redis = spawn(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', root],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(redis);
  await waitFor(redis, /(Ready to accept connections)/, 'redis-server');
  const redisUrl = `redis://127.0.0.1:${redisPort}`;

  const nodes: Array<{ name: string; host: string; port: number }> = [];
  for (let index = 0; index < nodeCount; index += 1) {
    const name = `node-${String.fromCharCode(97 + index)}`;
    const nodePort = await freePort();
    const node = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', '--demo', '--trust-proxy', '--port', String(nodePort)],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          REDIS_URL: redisUrl,
          DESKBELL_NODE_ID: name,
          DESKBELL_DATA_DIR: join(root, name),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(node);
    // One after the other: the first migrates and seeds the demo library, the others find it done.
    await waitFor(node, /Deskbell is listening on (\S+)/, name);
    node.stderr?.pipe(process.stderr);
    nodes.push({ name, host: '127.0.0.1', port: nodePort });
    console.log(`${name}: http://127.0.0.1:${nodePort} (metrics at /metrics)`);
  }

  const configFile = join(root, 'haproxy.cfg');
  writeFileSync(configFile, haproxyConfig({ bindHost: '127.0.0.1', bindPort: port, nodes }));
  const haproxy = spawn('haproxy', ['-f', configFile, '-db'], { stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(haproxy);
  haproxy.once('exit', (code) => {
    console.error(`cluster: HAProxy exited with ${code}`);
    stopAll();
    process.exit(1);
  });
  console.log(`\nDeskbell cluster (${nodeCount} nodes, PostgreSQL ${pgPort}, Redis ${redisPort}) behind HAProxy:`);
  console.log(
    `Operator console:  http://127.0.0.1:${port}/console/   (demo logins: alice, bob, sam; password deskbell-demo)`,
  );
  console.log(`Widget demo page:  http://127.0.0.1:${port}/`);
  console.log('Stop with Ctrl-C. Try: kill -9 one node, and watch the console come back on the other.');
}

process.once('SIGINT', () => {
  stopAll();
  process.exit(0);
});
process.once('SIGTERM', () => {
  stopAll();
  process.exit(0);
});
main().catch((error: unknown) => {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  stopAll();
  process.exit(1);
});
