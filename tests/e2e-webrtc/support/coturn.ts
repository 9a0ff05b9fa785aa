import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';

/** A throwaway coturn (Debian's `turnserver`) in `use-auth-secret` mode, as a library would run it. */
export interface Coturn {
  /** `turn:<address>:<port>` (UDP and TCP), for DESKBELL_TURN_URLS. */
  url: string;
  /** Its static-auth-secret, for DESKBELL_TURN_SECRET. */
  secret: string;
  /** coturn's log, to attach when a test fails. */
  logFile: string;
  stop(): Promise<void>;
}

export interface CoturnOptions {
  /** The address to listen and relay on (default: the namespace's, DESKBELL_NETNS_ADDRESS). */
  address?: string;
  /** Where the log and pid files go (default: the current test's output folder, else a temporary one). */
  outputDir?: string;
}

const STARTUP_TIMEOUT_MS = 10_000;

/**
 * Starts `turnserver` as a plain process (no config file, no TLS, no CLI) on
 * a free port of the network namespace's address and waits until it accepts
 * connections. coturn refuses peers on 127.x, which is one more reason the
 * WebRTC tests run inside scripts/in-network-namespace.sh.
 */
export async function startCoturn(options: CoturnOptions = {}): Promise<Coturn> {
  const address = options.address ?? process.env.DESKBELL_NETNS_ADDRESS;
  if (!address) throw new Error('startCoturn: no address; run inside scripts/in-network-namespace.sh');
  const outputDir = options.outputDir ?? defaultOutputDir();
  mkdirSync(outputDir, { recursive: true });
  const logFile = join(outputDir, 'coturn.log');
  const secret = randomBytes(24).toString('base64url');
  const port = await freePort(address);

  const child = spawn(
    'turnserver',
    [
      '-n',
      `--listening-ip=${address}`,
      `--relay-ip=${address}`,
      `--listening-port=${port}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=deskbell.test',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--no-stdout-log',
      `--log-file=${logFile}`,
      // One file, not one per day with the date in its name.
      '--simple-log',
      `--pidfile=${join(outputDir, 'coturn.pid')}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const failure = await Promise.race([
    waitUntilListening(address, port).then(
      () => null,
      (error: Error) => error,
    ),
    exited.then((code) => new Error(`turnserver exited (${code}) before listening`)),
    spawnError.then((error) => new Error(`turnserver did not start (${error.message}); apt-get install coturn`)),
  ]);
  if (failure) {
    await stop();
    throw new Error(`${failure.message}\n${stderr}\n${readLog(logFile)}`);
  }
  return { url: `turn:${address}:${port}`, secret, logFile, stop };
}

function defaultOutputDir(): string {
  try {
    return test.info().outputPath('coturn');
  } catch {
    // Outside a test (e.g. a worker fixture): a folder of its own.
    return mkdtempSync(join(tmpdir(), 'deskbell-coturn-'));
  }
}

function readLog(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8');
  } catch {
    return '(no coturn log)';
  }
}

/** A port free for both TCP and UDP on `address` (coturn listens on both). */
async function freePort(address: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, address, () => {
        const bound = server.address();
        server.close(() => resolve(typeof bound === 'object' && bound ? bound.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, address, () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error(`no port free for both TCP and UDP on ${address}`);
}

async function waitUntilListening(address: string, port: number): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: address, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`turnserver not listening on ${address}:${port} after ${STARTUP_TIMEOUT_MS} ms`);
}
