import type pg from 'pg';
import { diedWhileIdle } from './fresh-connection-driver';

/** One statement of a pipelined transaction: a named (prepared once per connection) statement and its values. */
export interface PipelinedStatement {
  name: string;
  text: string;
  values: unknown[];
}

/**
 * PostgreSQL transactions written in one round trip (issue 10, item 1): BEGIN,
 * the statements and COMMIT go out in one write on a connection in pg's
 * pipeline mode, and the answers come back together, where Kysely's way waits
 * for each statement's answer before it sends the next (n + 2 round trips for
 * n sends, each write to the socket about 100 µs of this machine's time). The
 * statements are named, so each connection has PostgreSQL parse and plan them
 * once, not on every run.
 *
 * All or nothing as any transaction: should one statement fail, PostgreSQL
 * refuses the rest and answers COMMIT with ROLLBACK, and the whole call
 * rejects with the first statement's own error. A connection that turns out to
 * have died while it sat idle (a restart of PostgreSQL) is dropped and the
 * transaction written once more on a fresh one, as FreshConnectionDriver does
 * for Kysely's connections: nothing of it had run. Its own pool of connections
 * (`pipeline: true`), so Kysely's pool is unchanged.
 */
export class PipelinedWrites {
  constructor(private readonly pool: pg.Pool) {}

  /** Runs the statements in one transaction; resolves with each statement's rows once COMMIT succeeded. */
  async transaction(statements: readonly PipelinedStatement[]): Promise<unknown[][]> {
    try {
      return await this.once(statements);
    } catch (error) {
      if (!(error instanceof StaleConnection)) throw error;
      return this.once(statements).catch((again: unknown) => {
        throw again instanceof StaleConnection ? again.cause : again;
      });
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }

  private async once(statements: readonly PipelinedStatement[]): Promise<unknown[][]> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const stream = (client.connection as unknown as { stream?: { cork?: () => void; uncork?: () => void } }).stream;
      // Corked: every statement's messages leave in one write.
      stream?.cork?.();
      let sent: Array<Promise<pg.QueryResult>>;
      try {
        sent = [
          client.query('begin'),
          ...statements.map(({ name, text, values }) => client.query({ name, text, values })),
          client.query('commit'),
        ];
      } finally {
        stream?.uncork?.();
      }
      const answers = await Promise.allSettled(sent);
      const failed = answers.find((answer) => answer.status === 'rejected');
      if (failed) {
        const error = failed.reason as unknown;
        if (error instanceof Error && isConnectionError(error)) broken = error;
        // Only the first statement's failure of a connection that died idle: none of it ran.
        if (answers[0]?.status === 'rejected' && broken && diedWhileIdle(error)) throw new StaleConnection(error);
        throw error;
      }
      const commit = answers[answers.length - 1] as PromiseFulfilledResult<pg.QueryResult>;
      if (commit.value.command !== 'COMMIT')
        throw new Error(`a pipelined transaction ended with ${commit.value.command}`);
      return answers.slice(1, -1).map((answer) => (answer as PromiseFulfilledResult<pg.QueryResult>).value.rows);
    } finally {
      // A connection whose socket failed is dropped from the pool, not handed out again.
      client.release(broken);
    }
  }
}

/** The connection had died while idle in the pool: the transaction may be written again on a fresh one. */
class StaleConnection extends Error {
  constructor(override readonly cause: unknown) {
    super('the connection had closed while idle');
  }
}

/** Errors of the connection itself (not of a statement): the client must not go back to the pool. */
function isConnectionError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (/^08/.test(code) || /^57P0/.test(code) || /^E[A-Z]+$/.test(code))) return true;
  return /Connection terminated|not queryable|read timeout/i.test(error.message);
}
