import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, signIn } from '../support/clients';
import { goOnline, patronAsks } from '../support/flows';
import { testDatabaseKind } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

// Only PostgreSQL has connections a database administrator can take away.
describe.runIf(testDatabaseKind() === 'postgres')('when PostgreSQL closes the server’s connections', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });

  it('the server keeps running and answers the next patron with fresh connections', async () => {
    const alice = await signIn(server.url, 'alice');
    await goOnline(alice.socket);
    await patronAsks(server.url, { question: 'Before the database hiccup' });

    const databaseName = new URL(server.databaseUrl ?? '').pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DESKBELL_TEST_DATABASE_URL });
    await admin.connect();
    try {
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [databaseName],
      );
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }

    // The pool notices the dead connections and replaces them; nothing already stored is lost.
    const later = await patronAsks(server.url, { question: 'After the database hiccup' });
    const sync = dataOf(await ask(alice.socket, 'console:sync', { lastSeqByChat: {} }));
    expect(sync.chats.map((chat) => chat.question)).toEqual(
      expect.arrayContaining(['Before the database hiccup', 'After the database hiccup']),
    );
    expect(sync.chats.some((chat) => chat.id === later.chatId)).toBe(true);
  });
});
