/**
 * Starts Deskbell: config -> storage (migrations, seed) -> server -> listen.
 * The only file with side effects; everything it calls can be started by a
 * test without touching the process.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDeskbellServer } from './app';
import { prepareStorage } from './boot';
import { type DeskbellConfig, loadConfig } from './config/config';
import { ConfigError } from './config/config-error';
import { joinCluster } from './cluster/join-cluster';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function readConfigOrExit(): DeskbellConfig {
  try {
    return loadConfig({ argv: process.argv.slice(2), env: process.env, cwd: process.cwd() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`deskbell: ${error.message}`);
    process.exit(2);
  }
}

function readVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const version = (parsed as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const { nodeId, redisUrl } = config.cluster;
  // fastify's pino: one JSON line per event, each naming the node (a cluster's logs are read together).
  const logger = { level: 'warn', base: { node: nodeId, pid: process.pid } };
  const cluster = redisUrl ? await joinCluster(redisUrl, nodeId) : undefined;
  const { storage, notices } = await prepareStorage(config);
  const server = await createDeskbellServer({
    nodeId,
    ...(cluster ? { cluster } : {}),
    storage,
    distDir: `${repoRoot}dist`,
    trustProxy: config.trustProxy,
    version: readVersion(),
    logger,
    timings: config.timings,
    ice: config.ice,
    widgetOrigins: config.widgetOrigins,
    addressLimits: config.addressLimits,
    ...(config.socketRateLimit ? { socketRateLimit: config.socketRateLimit } : {}),
  });
  // Set up before anything is printed: a signal that arrives before its listener exists kills the process outright.
  let closing = false;
  const shutDown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Deskbell is shutting down (${signal}).`);
    server
      .close()
      .then(() => storage.close())
      .then(() => cluster?.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(
            `deskbell: could not shut down cleanly: ${error instanceof Error ? error.message : String(error)}`,
          );
          process.exit(1);
        },
      );
  };
  // A last resort: a promise someone forgot to catch is a bug to log, not a reason to drop every chat.
  process.on('unhandledRejection', (reason: unknown) => {
    console.error(
      `deskbell: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
  });
  process.once('SIGINT', () => shutDown('SIGINT'));
  process.once('SIGTERM', () => shutDown('SIGTERM'));
  try {
    await server.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await storage.close();
    await cluster?.close();
    throw error;
  }

  const { port } = server.app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${host}:${port}`;
  console.log(`Operator console:  ${base}/console/`);
  console.log(`Widget demo page:  ${base}/`);
  console.log(
    `Database:          ${storage.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${config.dataDir}`}`,
  );
  if (cluster) console.log(`Cluster:           node ${nodeId}, rooms and limits shared through Redis (REDIS_URL)`);
  for (const line of notices) console.log(line);
  console.log(`Deskbell is listening on ${base}`);
}

main().catch((error: unknown) => {
  console.error(`deskbell: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
