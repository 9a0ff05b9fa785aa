import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/**
 * A PostgreSQL driver that runs a checked-out connection's first statement
 * once more, on a fresh connection, when the connection turns out to have died
 * while it sat idle in the pool (PostgreSQL restarted, an administrator ended
 * it, a failover). The pool only learns of such a death when the news arrives
 * on the socket, which can be just after it handed the connection out; the
 * statement then never ran, so the first request after a restart would fail
 * for nothing. Only the first statement of a checkout is retried: a later one
 * may belong to a transaction that is gone with its connection.
 */
export class FreshConnectionDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new FirstStatementRetry(this.inner, await this.inner.acquireConnection());
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // Through the wrapper: BEGIN is the first statement of a transaction's checkout.
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(innerOf(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(innerOf(connection));
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.inner.savepoint?.(innerOf(connection), name, compile) ?? Promise.resolve();
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.rollbackToSavepoint?.(innerOf(connection), name, compile) ?? Promise.resolve();
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.releaseSavepoint?.(innerOf(connection), name, compile) ?? Promise.resolve();
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A retry whose fresh connection could not be opened holds nothing: the dead one went back already.
    if (connection instanceof FirstStatementRetry && !connection.holds) return Promise.resolve();
    return this.inner.releaseConnection(innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class FirstStatementRetry implements DatabaseConnection {
  private used = false;
  /** False once the dead connection went back and no fresh one could be opened (PostgreSQL is down). */
  holds = true;

  constructor(
    private readonly driver: Driver,
    public current: DatabaseConnection,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.used) return this.current.executeQuery<R>(query);
    this.used = true;
    try {
      return await this.current.executeQuery<R>(query);
    } catch (error) {
      if (!diedWhileIdle(error)) throw error;
      // The pool drops the dead client when it is released; the statement goes once more on a fresh one.
      // Released once only: should opening the fresh one fail, the caller's release must not return the dead one again.
      this.holds = false;
      await this.driver.releaseConnection(this.current);
      this.current = await this.driver.acquireConnection();
      this.holds = true;
      return this.current.executeQuery<R>(query);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    this.used = true;
    return this.current.streamQuery<R>(query, chunkSize);
  }
}

function innerOf(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof FirstStatementRetry ? connection.current : connection;
}

/** The connection was gone before the statement could run: closed under it, or ended by the server. */
export function diedWhileIdle(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === '57P01' || code === '57P02') return true;
  return /Connection terminated unexpectedly|not queryable/i.test(error.message);
}
