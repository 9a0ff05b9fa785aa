import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf } from '../support/clients';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Issue 12: a screenshare's deadlines are stored and acted on by every node's
 * upkeep with a write conditional on the row's version, so with two nodes over
 * one database an unanswered request expires once (one line, one end), and a
 * node that never held the request (a restart) still lets it expire. Runs on
 * SQLite and PostgreSQL.
 */
let first: TestServer;
let second: TestServer;

const SHORT = { screenshareRequestMs: 400, upkeepIntervalMs: 20 };

beforeAll(async () => {
  first = await startTestServer({ timings: SHORT });
  second = await startTestServer({ sameDatabaseAs: first, timings: SHORT });
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await second.close();
  await first.close();
});

async function screenshareLines(server: TestServer, chatId: string) {
  const rows = await server.storage.db
    .selectFrom('messages')
    .select(['body', 'event'])
    .where('chat_id', '=', chatId)
    .orderBy('seq')
    .execute();
  return rows.filter((row) => row.event?.includes('"screenshare"')).map((row) => row.body);
}

describe('screenshare deadlines with two nodes over one database', () => {
  it('an unanswered request expires exactly once, though both nodes run the upkeep', async () => {
    const alice = await onlineOperator(first.url, 'alice');
    for (let round = 0; round < 3; round += 1) {
      const { chatId } = await claimedChat(first.url, alice);
      dataOf(await ask(alice.socket, 'screenshare:request', { chat: { kind: 'patron', id: chatId } }));
      // Either node may act (its pushes reach only its own sockets until rooms span nodes, issue 15):
      // what must hold is the database's record, one end and one line.
      await expect
        .poll(() => screenshareLines(first, chatId), { timeout: 5_000 })
        .toContain('The screenshare request was not answered in time.');
      // Both upkeeps have had many more ticks to try again.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await screenshareLines(first, chatId)).toEqual([
        'Alice would like to share their screen with you.',
        'The screenshare request was not answered in time.',
      ]);
    }
  });

  it('the deadline lives in the database: a node started later fires what another node never acted on', async () => {
    // A node whose upkeep never ticks in this test holds the request: only the database knows its deadline.
    const holder = await startTestServer({ timings: { screenshareRequestMs: 400, upkeepIntervalMs: 600_000 } });
    try {
      const alice = await onlineOperator(holder.url, 'alice');
      const { chatId } = await claimedChat(holder.url, alice);
      dataOf(await ask(alice.socket, 'screenshare:request', { chat: { kind: 'patron', id: chatId } }));
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await screenshareLines(holder, chatId)).toEqual(['Alice would like to share their screen with you.']);
      const later = await startTestServer({ sameDatabaseAs: holder, timings: SHORT });
      try {
        await expect
          .poll(() => screenshareLines(holder, chatId), { timeout: 5_000 })
          .toEqual([
            'Alice would like to share their screen with you.',
            'The screenshare request was not answered in time.',
          ]);
      } finally {
        await later.close();
      }
    } finally {
      await holder.close();
    }
  });
});
