import { z } from 'zod';
import { ConfigError } from './config-error';

/**
 * The ICE servers a screen sharing session is given, as the library configured
 * them. The TURN secret stays on the server: pages only ever see the
 * short-lived credentials `server/screenshare/ice-servers.ts` mints from it.
 */
export interface IceSettings {
  /** `stun:` / `stuns:` URLs, handed out as they are. */
  stunUrls: string[];
  /** A coturn server in `use-auth-secret` mode; null when the library runs none. */
  turn: TurnSettings | null;
  /** Every path goes through TURN, so neither party learns the other's address. */
  relayOnly: boolean;
}

export interface TurnSettings {
  /** `turn:` / `turns:` URLs, optionally with `?transport=udp|tcp`. */
  urls: string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
  /** How long a minted credential stays valid. */
  ttlSeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export const TURN_TTL_DEFAULT_SECONDS = 600;

/** No STUN, no TURN: peers on one network still connect (host candidates). */
export const NO_ICE: IceSettings = { stunUrls: [], turn: null, relayOnly: false };
const TURN_TTL_MIN_SECONDS = 60;
const TURN_TTL_MAX_SECONDS = 86_400;
// A guessable secret lets anyone mint credentials and use the library's TURN server as a free relay.
const TURN_SECRET_MIN_LENGTH = 16;

// RFC 7064 and RFC 7065: scheme, a host name, IPv4 or [IPv6] address, an optional port; TURN may add a transport.
const HOST_AND_PORT = String.raw`(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::(\d{1,5}))?`;
const STUN_URL = new RegExp(`^stuns?:${HOST_AND_PORT}$`, 'i');
const TURN_URL = new RegExp(`^turns?:${HOST_AND_PORT}(?:\\?transport=(?:udp|tcp))?$`, 'i');

const validPort = (url: string, pattern: RegExp) => {
  const port = pattern.exec(url)?.[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
};

/** A comma-separated list of URLs that each match `pattern`; blanks around commas are ignored. */
const urlListSchema = (pattern: RegExp, example: string) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .refine(
      (urls) => urls.every((url) => pattern.test(url) && validPort(url, pattern)),
      `must be a comma-separated list of URLs such as ${example}`,
    );

const stunUrlsSchema = urlListSchema(STUN_URL, 'stun:stun.library.org:3478');
const turnUrlsSchema = urlListSchema(TURN_URL, 'turn:turn.library.org:3478?transport=udp,turns:turn.library.org:5349');

const turnSecretSchema = z
  .string()
  .min(TURN_SECRET_MIN_LENGTH, `must be at least ${TURN_SECRET_MIN_LENGTH} characters`)
  .max(256, 'must be at most 256 characters')
  // coturn trims its config values: a stray space here would make every minted credential fail.
  .refine((value) => value === value.trim(), 'must not start or end with a space');

const ttlSchema = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/, 'must be a whole number of seconds')
  .transform(Number)
  .pipe(
    z
      .number()
      .min(TURN_TTL_MIN_SECONDS, `must be from ${TURN_TTL_MIN_SECONDS} to ${TURN_TTL_MAX_SECONDS} seconds`)
      .max(TURN_TTL_MAX_SECONDS, `must be from ${TURN_TTL_MIN_SECONDS} to ${TURN_TTL_MAX_SECONDS} seconds`),
  );

const relayOnlySchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['true', 'false', '1', '0'].includes(value), 'must be true, false, 1 or 0')
  .transform((value) => value === 'true' || value === '1');

/**
 * Parses one variable; a failure names it, as config.ts does. `secret` keeps
 * the value out of the message (it ends up in logs).
 */
function parseVariable<S extends z.ZodType>(schema: S, value: string, name: string, secret = false): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues[0]?.message ?? 'is not valid';
  throw new ConfigError(secret ? `${name}: ${message}` : `${name}: ${message} (got ${JSON.stringify(value)})`);
}

/** The variable's value, or undefined when it is unset or empty (as config.ts treats them). */
const read = (env: Env, name: string) => {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
};

/**
 * Reads DESKBELL_STUN_URLS, DESKBELL_TURN_URLS, DESKBELL_TURN_SECRET,
 * DESKBELL_TURN_TTL_SECONDS and DESKBELL_ICE_RELAY_ONLY. The TURN options
 * only mean something together: a secret or a lifetime without TURN URLs, TURN
 * URLs without a secret, or relay-only without TURN are refused rather than
 * silently ignored. Throws ConfigError naming the variable.
 */
export function readIceSettings(env: Env): IceSettings {
  const stunText = read(env, 'DESKBELL_STUN_URLS');
  const turnText = read(env, 'DESKBELL_TURN_URLS');
  const secretText = read(env, 'DESKBELL_TURN_SECRET');
  const ttlText = read(env, 'DESKBELL_TURN_TTL_SECONDS');
  const relayText = read(env, 'DESKBELL_ICE_RELAY_ONLY');

  const stunUrls = stunText === undefined ? [] : parseVariable(stunUrlsSchema, stunText, 'DESKBELL_STUN_URLS');
  const turnUrls = turnText === undefined ? [] : parseVariable(turnUrlsSchema, turnText, 'DESKBELL_TURN_URLS');
  const relayOnly =
    relayText === undefined ? false : parseVariable(relayOnlySchema, relayText, 'DESKBELL_ICE_RELAY_ONLY');

  if (turnUrls.length === 0) {
    for (const [name, value] of [
      ['DESKBELL_TURN_SECRET', secretText],
      ['DESKBELL_TURN_TTL_SECONDS', ttlText],
    ] as const) {
      if (value !== undefined) throw new ConfigError(`${name}: is set but DESKBELL_TURN_URLS is not`);
    }
    if (relayOnly) {
      throw new ConfigError('DESKBELL_ICE_RELAY_ONLY: relaying every path needs a TURN server in DESKBELL_TURN_URLS');
    }
    return { stunUrls, turn: null, relayOnly };
  }

  if (secretText === undefined) {
    throw new ConfigError(
      "DESKBELL_TURN_SECRET: must be set with DESKBELL_TURN_URLS (coturn's static-auth-secret, use-auth-secret mode)",
    );
  }
  const secret = parseVariable(turnSecretSchema, secretText, 'DESKBELL_TURN_SECRET', true);
  const ttlSeconds =
    ttlText === undefined ? TURN_TTL_DEFAULT_SECONDS : parseVariable(ttlSchema, ttlText, 'DESKBELL_TURN_TTL_SECONDS');
  return { stunUrls, turn: { urls: turnUrls, secret, ttlSeconds }, relayOnly };
}
