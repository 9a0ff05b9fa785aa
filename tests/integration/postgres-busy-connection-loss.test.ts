import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../src/protocol/ack';
import type { Message } from '../../src/protocol/models';
import { ask, closeAllClients, dataOf } from '../support/clients';
import { messageId, patronAsks, type StartedChat } from '../support/flows';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { testDatabaseKind } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

/** Codes a send may fail with while the database is away: clear, and worth retrying. */
const OUTAGE_CODES = ['UNAVAILABLE', 'INTERNAL'];

interface SendOutcome {
  id: string;
  chatId: string;
  ack: Ack<{ message: Message }> | 'no answer';
}

/** Every patron sends `count` messages as fast as the server answers; each outcome is kept. */
async function burst(chats: StartedChat[], count: number): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  await Promise.all(
    chats.map(async (chat) => {
      for (let index = 0; index < count; index += 1) {
        const id = messageId();
        const ack = await ask(chat.patron, 'chat:send', { id, body: `message ${index}` }).catch(
          () => 'no answer' as const,
        );
        outcomes.push({ id, chatId: chat.chatId, ack });
      }
    }),
  );
  return outcomes;
}

/** Stored messages per chat, and whether each chat's sequence numbers run 1..last_seq without a hole. */
async function storedState(server: TestServer, chatIds: string[]) {
  const messages = await server.storage.db
    .selectFrom('messages')
    .select(['chat_id', 'id', 'seq'])
    .where('chat_id', 'in', chatIds)
    .execute();
  const chats = await server.storage.db
    .selectFrom('chats')
    .select(['id', 'last_seq'])
    .where('id', 'in', chatIds)
    .execute();
  const whole = chats.every((chat) => {
    const seqs = messages
      .filter((message) => message.chat_id === chat.id)
      .map((message) => message.seq)
      .sort((a, b) => a - b);
    return seqs.length === chat.last_seq && seqs.every((seq, index) => seq === index + 1);
  });
  return { ids: new Set(messages.map((message) => message.id)), whole };
}

function expectOnlyClearFailures(outcomes: SendOutcome[]): void {
  for (const { ack } of outcomes) {
    if (ack === 'no answer' || ack.ok) continue;
    expect(OUTAGE_CODES).toContain(ack.error.code);
  }
}

// Only PostgreSQL has connections an administrator (or a restart) can take away mid-query.
describe.runIf(testDatabaseKind() === 'postgres')('when PostgreSQL drops connections the server is using', () => {
  afterEach(() => closeAllClients());

  describe('pg_terminate_backend while patrons are sending', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(async () => {
      closeAllClients();
      await server.close();
    });

    it('the server stays up, every acknowledged message is stored once, and the next patron is served', async () => {
      const alice = await onlineOperator(server.url, 'alice');
      const chats: StartedChat[] = [];
      for (let index = 0; index < 6; index += 1) chats.push(await claimedChat(server.url, alice, `Question ${index}`));

      const databaseName = new URL(server.databaseUrl ?? '').pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.DESKBELL_TEST_DATABASE_URL });
      await admin.connect();
      let killed = 0;
      // 30 each: within one socket's allowance of events, so every failure is the database's.
      const sending = burst(chats, 30);
      let done = false;
      void sending.finally(() => (done = true));
      try {
        // Kill the server's connections again and again while the sends are in flight (busy ones included).
        while (!done) {
          const result = await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [databaseName],
          );
          killed += result.rowCount ?? 0;
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      } finally {
        await admin.end();
      }
      const outcomes = await sending;
      expect(killed).toBeGreaterThan(0);
      expectOnlyClearFailures(outcomes);

      const stored = await storedState(
        server,
        chats.map((chat) => chat.chatId),
      );
      const acknowledged = outcomes.filter((outcome) => outcome.ack !== 'no answer' && outcome.ack.ok);
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const outcome of acknowledged) expect(stored.ids.has(outcome.id)).toBe(true);
      // Nothing half-written: no chat's sequence got ahead of its messages.
      expect(stored.whole).toBe(true);

      const later = await patronAsks(server.url, { question: 'After the storm' });
      dataOf(await ask(alice.socket, 'chat:claim', { chatId: later.chatId }));
      dataOf(await ask(later.patron, 'chat:send', { id: messageId(), body: 'Are you there?' }));
    });
  });

  describe('PostgreSQL stops right after a burst of sends, then comes back', () => {
    let postgres: OwnPostgres;
    let server: TestServer;
    beforeAll(async () => {
      postgres = await startOwnPostgres();
      server = await startTestServer({ databaseUrl: postgres.url });
    }, 60_000);
    afterAll(async () => {
      closeAllClients();
      await server.close();
      postgres.stop();
    });

    for (const mode of ['fast', 'immediate'] as const) {
      it(`after pg_ctl stop -m ${mode} the server stays up and serves again once PostgreSQL is back`, async () => {
        const alice = await onlineOperator(server.url, 'alice');
        const chats = [await claimedChat(server.url, alice), await claimedChat(server.url, alice)];
        const sending = burst(chats, 30);
        await new Promise((resolve) => setTimeout(resolve, 30));
        postgres.halt(mode);
        const outcomes = await sending;
        expectOnlyClearFailures(outcomes);

        // While it is down, a send is refused clearly, not left hanging or crashing the server.
        const during = await ask(chats[0]!.patron, 'chat:send', { id: messageId(), body: 'Anyone?' });
        expect(during.ok).toBe(false);
        if (!during.ok) expect(OUTAGE_CODES).toContain(during.error.code);

        postgres.resume();
        const stored = await storedState(
          server,
          chats.map((chat) => chat.chatId),
        );
        for (const outcome of outcomes.filter((o) => o.ack !== 'no answer' && o.ack.ok)) {
          expect(stored.ids.has(outcome.id)).toBe(true);
        }
        expect(stored.whole).toBe(true);
        const after = await ask(chats[0]!.patron, 'chat:send', { id: messageId(), body: 'Back again' });
        expect(after.ok).toBe(true);
      });
    }
  });
});
