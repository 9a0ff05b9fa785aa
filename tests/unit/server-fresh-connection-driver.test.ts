import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FreshConnectionDriver } from '../../server/storage/fresh-connection-driver';

const query = { sql: 'select 1', parameters: [], query: { kind: 'RawNode' } } as unknown as CompiledQuery;

/** A pool of named connections: the ones in `dead` fail their first statement as a connection PostgreSQL closed. */
class FakePool implements Driver {
  released: string[] = [];
  private opened = 0;
  constructor(
    private readonly dead: Set<string>,
    private readonly opens = Infinity,
  ) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.opened >= this.opens) {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    }
    const name = `c${++this.opened}`;
    const dead = this.dead;
    return {
      name,
      executeQuery: async <R>(): Promise<QueryResult<R>> => {
        if (dead.has(name)) throw new Error('Connection terminated unexpectedly');
        return { rows: [{ on: name }] as R[] };
      },
      streamQuery: () => {
        throw new Error('not used');
      },
    } as DatabaseConnection & { name: string };
  }
  async beginTransaction() {}
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection(connection: DatabaseConnection) {
    this.released.push((connection as DatabaseConnection & { name: string }).name);
  }
  async destroy() {}
}

describe('a pooled PostgreSQL connection that died while idle', () => {
  it('runs its first statement once more on a fresh connection, and the fresh one is what goes back', async () => {
    const pool = new FakePool(new Set(['c1']));
    const driver = new FreshConnectionDriver(pool);
    const connection = await driver.acquireConnection();
    expect((await connection.executeQuery(query)).rows).toEqual([{ on: 'c2' }]);
    await driver.releaseConnection(connection);
    expect(pool.released).toEqual(['c1', 'c2']);
  });

  it('when no fresh connection can be opened (PostgreSQL is down) the dead one goes back once, not twice', async () => {
    const pool = new FakePool(new Set(['c1']), 1);
    const driver = new FreshConnectionDriver(pool);
    const connection = await driver.acquireConnection();
    await expect(connection.executeQuery(query)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await driver.releaseConnection(connection);
    expect(pool.released).toEqual(['c1']);
  });

  it('a statement that fails for another reason is not run again', async () => {
    const pool = new FakePool(new Set());
    const driver = new FreshConnectionDriver(pool);
    const connection = await driver.acquireConnection();
    expect((await connection.executeQuery(query)).rows).toEqual([{ on: 'c1' }]);
    await driver.releaseConnection(connection);
    expect(pool.released).toEqual(['c1']);
  });
});
