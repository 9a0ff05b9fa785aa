import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { ConfigError } from './config-error';

/**
 * How this process takes part in a cluster of Deskbell servers. Without
 * REDIS_URL it serves alone, exactly as a single server always has; with it,
 * rooms, presence and rate limits are shared through Redis with every other
 * node on the same PostgreSQL.
 */
export interface ClusterSettings {
  /** `redis://` or `rediss://`; undefined: this node serves alone. */
  redisUrl: string | undefined;
  /** This node's name in logs, metrics and the readiness answer (DESKBELL_NODE_ID, else host-pid-random). */
  nodeId: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const redisUrlSchema = z
  .string()
  .trim()
  .refine((value) => /^rediss?:\/\/[^/\s]+(\/\d{1,2})?$/.test(value), 'must be a redis:// or rediss:// URL');

/** Letters, digits, dot, dash and underscore: it goes into log lines and metric labels as it is. */
const nodeIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores');

export function readClusterSettings(env: Env, databaseUrl: string | undefined): ClusterSettings {
  const redisText = env.REDIS_URL?.trim();
  const redisUrl = redisText ? parse(redisUrlSchema, redisText, 'REDIS_URL') : undefined;
  if (redisUrl && !databaseUrl) {
    // Each node would write its own file: two desks that do not know about each other.
    throw new ConfigError(
      'REDIS_URL needs DATABASE_URL: the nodes of a cluster share one PostgreSQL database, and a SQLite file belongs to one process',
    );
  }
  const nodeText = env.DESKBELL_NODE_ID?.trim();
  const nodeId = nodeText ? parse(nodeIdSchema, nodeText, 'DESKBELL_NODE_ID') : defaultNodeId();
  return { redisUrl, nodeId };
}

function defaultNodeId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .slice(0, 40) || 'node';
  return `${host}-${process.pid}-${randomBytes(2).toString('hex')}`;
}

function parse<S extends z.ZodType>(schema: S, value: string, name: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // The URL may hold a password: the message names the variable, not its value.
  throw new ConfigError(`${name}: ${result.error.issues[0]?.message ?? 'is not valid'}`);
}
