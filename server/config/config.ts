import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { AddressLimitOptions } from '../sockets/address-limits';
import type { RateLimit } from '../sockets/rate-limiter';
import type { ChatTimings } from './chat-timings';
import { type ClusterSettings, readClusterSettings } from './cluster-config';
import { ConfigError } from './config-error';
import { type IceSettings, readIceSettings } from './ice-config';
import { type LibrarySettings, readLibrarySettings } from './library-settings';

/** Everything the server is told from outside, checked once at start. */
export interface DeskbellConfig {
  port: number;
  host: string;
  /** Absolute path of the data directory (SQLite file, deskbell.json). */
  dataDir: string;
  demo: boolean;
  /** PostgreSQL connection string; undefined means the embedded SQLite file. */
  databaseUrl: string | undefined;
  /** Use X-Forwarded-For (first hop) for client IPs; only behind a proxy you run. */
  trustProxy: boolean;
  /** The first-run admin's password; a random one is printed when absent. */
  adminPassword: string | undefined;
  settings: LibrarySettings;
  /** Transfer timeout, presence grace, patron return period: only the ones the environment sets. */
  timings: Partial<ChatTimings>;
  /** Sites that may frame the widget's chat panel: `*` (any) or a list of origins. */
  widgetOrigins: '*' | string[];
  /** Per-address limits: only the ones the environment sets. */
  addressLimits: Partial<AddressLimitOptions>;
  /** Events per socket (a burst and its steady rate); undefined keeps the server's default. */
  socketRateLimit: RateLimit | undefined;
  /** STUN and TURN for screen sharing (DESKBELL_STUN_URLS, DESKBELL_TURN_*, DESKBELL_ICE_RELAY_ONLY). */
  ice: IceSettings;
  /** REDIS_URL (a cluster of nodes) and DESKBELL_NODE_ID. */
  cluster: ClusterSettings;
}

const secondsSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/, 'must be a whole number of seconds')
  .transform((value) => Number(value) * 1000);

const countSchema = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,6}$/, 'must be a whole number from 1 to 9999999')
  .transform(Number);

type Env = Readonly<Record<string, string | undefined>>;

/** The numeric options named in `names` (key -> environment variable) that the environment sets, each parsed. */
function readNumbers<K extends string>(env: Env, names: Record<K, string>, schema: z.ZodType<number, string>) {
  const values: Partial<Record<K, number>> = {};
  for (const [key, name] of Object.entries(names) as Array<[K, string]>) {
    const value = env[name];
    if (value !== undefined && value !== '') values[key] = parseOption(schema, value, name);
  }
  return values;
}

/** Waiting periods from DESKBELL_*_SECONDS variables; unset ones keep their defaults. */
function readTimings(env: Env): Partial<ChatTimings> {
  return readNumbers(
    env,
    {
      transferTimeoutMs: 'DESKBELL_TRANSFER_TIMEOUT_SECONDS',
      presenceGraceMs: 'DESKBELL_PRESENCE_GRACE_SECONDS',
      presenceSweepMs: 'DESKBELL_PRESENCE_SWEEP_SECONDS',
      patronReturnMs: 'DESKBELL_PATRON_RETURN_SECONDS',
      screenshareRequestMs: 'DESKBELL_SCREENSHARE_REQUEST_SECONDS',
      screenshareGraceMs: 'DESKBELL_SCREENSHARE_GRACE_SECONDS',
      darkDeskMs: 'DESKBELL_DARK_DESK_SECONDS',
    },
    secondsSchema,
  );
}

/** Per-address limits from DESKBELL_LIMIT_* variables (a campus behind one address may need more); unset ones keep their defaults. */
function readAddressLimits(env: Env): Partial<AddressLimitOptions> {
  return readNumbers(
    env,
    {
      socketsPerAddress: 'DESKBELL_LIMIT_SOCKETS_PER_ADDRESS',
      connectionsPerMinute: 'DESKBELL_LIMIT_CONNECTIONS_PER_MINUTE',
      chatStartsPerMinute: 'DESKBELL_LIMIT_CHAT_STARTS_PER_MINUTE',
    },
    countSchema,
  );
}

/**
 * Events one socket may send, from DESKBELL_LIMIT_SOCKET_EVENTS_BURST and
 * DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND (a load test from one machine needs
 * more); both or neither, since a burst means nothing without its rate.
 */
function readSocketRateLimit(env: Env): RateLimit | undefined {
  const { burst, perSecond } = readNumbers(
    env,
    { burst: 'DESKBELL_LIMIT_SOCKET_EVENTS_BURST', perSecond: 'DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND' },
    countSchema,
  );
  if (burst === undefined && perSecond === undefined) return undefined;
  if (burst === undefined || perSecond === undefined) {
    throw new ConfigError(
      'DESKBELL_LIMIT_SOCKET_EVENTS_BURST and DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND must be set together',
    );
  }
  return { burst, perSecond };
}

const portSchema = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
  .transform(Number)
  .pipe(z.number().max(65535, 'must be a whole number from 0 to 65535'));

const booleanText = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''].includes(value), 'must be true or false')
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const databaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), 'must be a postgres:// or postgresql:// URL');

const hostSchema = z.string().trim().min(1, 'must not be empty');
const dataDirSchema = z.string().trim().min(1, 'must not be empty');
const adminPasswordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters');

/**
 * A site that may frame the widget: `https://www.library.org`, optionally with
 * a port, or with `*.` before the host for all its subdomains; nothing after
 * the host. It is written into a CSP header, so nothing else may get through.
 */
const WIDGET_ORIGIN = /^https?:\/\/(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:\d{1,5})?$/;

/** `*` (any site) or a comma-separated list of origins. */
const widgetOriginsSchema = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim().toLowerCase()))
  .refine(
    (origins) => (origins.length === 1 && origins[0] === '*') || origins.every((origin) => WIDGET_ORIGIN.test(origin)),
    'must be * or a comma-separated list of origins such as https://www.library.org',
  )
  .transform((origins): '*' | string[] => (origins[0] === '*' ? '*' : origins));

/** Parses one option with its schema; a failure names the option as the person typed it. */
function parseOption<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'is not valid';
  throw new ConfigError(`${name}: ${message} (got ${JSON.stringify(value)})`);
}

export interface ConfigSources {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative data dirs are resolved against. */
  cwd: string;
}

/** Reads CLI options (which win) and environment variables into one checked config. */
export function loadConfig({ argv, env, cwd }: ConfigSources): DeskbellConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        demo: { type: 'boolean' },
        'trust-proxy': { type: 'boolean' },
        'widget-origins': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // node's messages are already one readable line, e.g. "Unknown option '--prot'".
    throw new ConfigError((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'bad option');
  }

  const port = parseOption(
    portSchema,
    values.port ?? env.PORT ?? '8080',
    values.port !== undefined ? '--port' : 'PORT',
  );
  const host = parseOption(
    hostSchema,
    values.host ?? env.HOST ?? '127.0.0.1',
    values.host !== undefined ? '--host' : 'HOST',
  );
  const dataDirText = parseOption(
    dataDirSchema,
    values['data-dir'] ?? env.DESKBELL_DATA_DIR ?? './.deskbell-data',
    values['data-dir'] !== undefined ? '--data-dir' : 'DESKBELL_DATA_DIR',
  );
  const databaseUrl =
    env.DATABASE_URL === undefined || env.DATABASE_URL === ''
      ? undefined
      : parseOption(databaseUrlSchema, env.DATABASE_URL, 'DATABASE_URL');
  const trustProxy =
    values['trust-proxy'] === true ||
    (env.DESKBELL_TRUST_PROXY !== undefined &&
      parseOption(booleanText, env.DESKBELL_TRUST_PROXY, 'DESKBELL_TRUST_PROXY'));
  const adminPassword =
    env.DESKBELL_ADMIN_PASSWORD === undefined || env.DESKBELL_ADMIN_PASSWORD === ''
      ? undefined
      : parseOption(adminPasswordSchema, env.DESKBELL_ADMIN_PASSWORD, 'DESKBELL_ADMIN_PASSWORD');

  const widgetOriginsText = values['widget-origins'] ?? env.DESKBELL_WIDGET_ORIGINS;
  const widgetOrigins =
    widgetOriginsText === undefined || widgetOriginsText === ''
      ? '*'
      : parseOption(
          widgetOriginsSchema,
          widgetOriginsText,
          values['widget-origins'] !== undefined ? '--widget-origins' : 'DESKBELL_WIDGET_ORIGINS',
        );

  const dataDir = resolve(cwd, dataDirText);
  return {
    port,
    host,
    dataDir,
    demo: values.demo === true,
    databaseUrl,
    trustProxy,
    adminPassword,
    settings: readLibrarySettings(dataDir),
    timings: readTimings(env),
    widgetOrigins,
    addressLimits: readAddressLimits(env),
    socketRateLimit: readSocketRateLimit(env),
    ice: readIceSettings(env),
    cluster: readClusterSettings(env, databaseUrl),
  };
}
