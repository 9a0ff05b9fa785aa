/**
 * What every benchmark needs the same way: its numeric options checked, a
 * socket connected, and Deskbell started as a child process with the limits
 * opened (every bench client comes from 127.0.0.1; on the web patrons come
 * from many homes, and a bench measures the server, not its flood limits).
 */
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { spawnServer, type RunningServer } from './spawn-server';

/** A `--name` option that must be a positive whole number; anything else ends the bench with a clear message. */
export function positiveOption(bench: string, name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`${bench}: --${name} must be a positive whole number, got ${String(raw)}`);
    process.exit(2);
  }
  return value;
}

/** Resolves once the socket is connected; rejects on its first connect error. */
export function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Per-address and per-socket limits high enough for any bench. */
export const OPEN_LIMITS: Readonly<Record<string, string>> = {
  DESKBELL_LIMIT_SOCKETS_PER_ADDRESS: '100000',
  DESKBELL_LIMIT_CONNECTIONS_PER_MINUTE: '100000',
  DESKBELL_LIMIT_CHAT_STARTS_PER_MINUTE: '100000',
  DESKBELL_LIMIT_SOCKET_EVENTS_BURST: '1000000',
  DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND: '1000000',
};

/**
 * `ROOT/server/main.ts --demo` on a fresh data folder (SQLite unless
 * `DATABASE_URL` is in `env`), with OPEN_LIMITS. An older checkout that does
 * not know a limit variable ignores it.
 */
export function startDeskbell(options: {
  dataDir: string;
  root?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<RunningServer> {
  return spawnServer({
    script: join(options.root ?? '.', 'server/main.ts'),
    args: ['--demo', '--port', '0', '--data-dir', options.dataDir],
    env: { ...OPEN_LIMITS, ...options.env },
    readyPattern: /Deskbell is listening on (http:\/\/\S+)/,
    toUrl: (url) => url,
  });
}
