import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../src/protocol/models';
import { createDeskbellServer, type DeskbellServer } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { createRepositories } from '../../server/repositories';
import { DEMO_PASSWORD } from '../../server/seed/demo-seed';
import { prepareStorage } from '../../server/boot';
import type { ChatTimings } from '../../server/config/chat-timings';
import { readLibrarySettings } from '../../server/config/library-settings';
import type { AddressLimitOptions } from '../../server/sockets/address-limits';
import type { RateLimit } from '../../server/sockets/rate-limiter';
import type { Storage } from '../../server/storage/database';
import type { DatabaseOutage } from './database-outage';
import type { QueryCounter } from './query-counter';
import { createTestDatabase } from './test-database';

export interface TestServerOptions {
  /** Seed the demo library (alice, bob, sam; two departments). Default true. */
  demo?: boolean;
  trustProxy?: boolean;
  adminPassword?: string;
  /** Written to `<dataDir>/deskbell.json` before the server starts. */
  settingsFile?: unknown;
  /** Where the built console and widget are looked for; default an empty folder (nothing built). */
  distDir?: string;
  socketRateLimit?: RateLimit;
  /** Sockets, new connections and chat starts per network address (tests of the limits use small ones). */
  addressLimits?: Partial<AddressLimitOptions>;
  loginThrottle?: {
    failuresBeforeWait?: number;
    firstWaitSeconds?: number;
    longestWaitSeconds?: number;
    failuresPerAddressPerDay?: number;
  };
  /** Transfer timeout, presence grace, patron return period, upkeep interval (short ones for tests that wait on them). */
  timings?: Partial<ChatTimings>;
  /** Every query the server makes goes through this switch (a database outage on demand). */
  outage?: DatabaseOutage;
  /** Counts the queries the server makes. */
  queryCounter?: QueryCounter;
  /** Run on this PostgreSQL instead of a fresh database of the shared test cluster (own-postgres.ts). */
  databaseUrl?: string;
  /** The server's clock (hours-of-service tests set the time of day); default Date.now. */
  now?: () => number;
  /** Another node over the same database (same SQLite file or PostgreSQL database), with its own connection. */
  sameDatabaseAs?: TestServer;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  dataDir: string;
  /** The DATABASE_URL it runs on (undefined for SQLite). */
  databaseUrl: string | undefined;
  storage: Storage;
  server: DeskbellServer;
  /** Lines main.ts would print (demo logins, first admin's password). */
  notices: string[];
  /** Every row of the chat tables, for proving that bad input changed nothing. */
  snapshot(): Promise<StoredRows>;
  close(): Promise<void>;
}

export interface StoredRows {
  chats: unknown[];
  messages: unknown[];
  analytics: unknown[];
}

/**
 * A real Deskbell server on a free port, started the way main.ts starts one
 * (prepareStorage -> createDeskbellServer -> listen), over a fresh SQLite file
 * or a fresh PostgreSQL database depending on the vitest project.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const shared = options.sameDatabaseAs;
  const dataDir = shared ? shared.dataDir : await mkdtemp(join(tmpdir(), 'deskbell-test-'));
  // The first node owns the database; a second node only connects to it.
  const database = shared
    ? { url: shared.databaseUrl, drop: () => Promise.resolve() }
    : options.databaseUrl
      ? { url: options.databaseUrl, drop: () => Promise.resolve() }
      : await createTestDatabase();
  if (options.settingsFile !== undefined) {
    await writeFile(join(dataDir, 'deskbell.json'), JSON.stringify(options.settingsFile));
  }
  const { storage, notices } = await prepareStorage({
    databaseUrl: database.url,
    dataDir,
    demo: options.demo ?? true,
    settings: readLibrarySettings(dataDir),
    adminPassword: options.adminPassword,
  });
  const plugins = [options.outage, options.queryCounter].filter((plugin) => plugin !== undefined);
  const served: Storage = {
    ...storage,
    db: plugins.reduce((db, plugin) => db.withPlugin(plugin), storage.db),
  };
  const server = await createDeskbellServer({
    storage: served,
    distDir: options.distDir ?? join(dataDir, 'no-dist'),
    trustProxy: options.trustProxy ?? false,
    version: 'test',
    logger: { level: 'error' },
    ...(options.socketRateLimit ? { socketRateLimit: options.socketRateLimit } : {}),
    ...(options.addressLimits ? { addressLimits: options.addressLimits } : {}),
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    databaseUrl: database.url,
    storage,
    server,
    notices,
    async snapshot() {
      const [chats, messages, analytics] = await Promise.all([
        storage.db.selectFrom('chats').selectAll().orderBy('id').execute(),
        storage.db.selectFrom('messages').selectAll().orderBy('chat_id').orderBy('seq').execute(),
        storage.db.selectFrom('analytics').selectAll().orderBy('chat_id').execute(),
      ]);
      return { chats, messages, analytics };
    },
    async close() {
      await server.close();
      await storage.close();
      await database.drop();
      if (!shared) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Adds a staff account straight to the database (there is no admin screen yet); its password is the demo one. */
export async function addAccount(
  server: TestServer,
  account: { username: string; displayName: string; role: Role; departmentIds: string[] },
): Promise<void> {
  await createRepositories(server.storage.db).accounts.create(
    { ...account, passwordHash: await hashPassword(DEMO_PASSWORD) },
    Date.now(),
  );
}
