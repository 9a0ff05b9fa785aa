import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Which database the integration suite runs on, from the vitest project:
 * `integration-sqlite` (a SQLite file per server) or `integration-postgres`
 * (a fresh PostgreSQL database per server, created under
 * DESKBELL_TEST_DATABASE_URL and dropped afterwards).
 */
export type TestDatabaseKind = 'sqlite' | 'postgres';

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.DESKBELL_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  /** The DATABASE_URL to give the server, or undefined for SQLite. */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A database nobody else uses: nothing for SQLite (the server makes its file), a new database for PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseKind() === 'sqlite') return { url: undefined, drop: () => Promise.resolve() };
  const adminUrl = process.env.DESKBELL_TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error(
      'DESKBELL_TEST_DATABASE=postgres needs DESKBELL_TEST_DATABASE_URL (a cluster it may create databases in)',
    );
  const name = `deskbell_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
