import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, connectPatron, dataOf, recordEvents, signIn } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { eventually } from '../support/eventually';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { clusterToolsPresent, startOwnRedis, type OwnRedis } from '../support/own-redis';
import { type MainRun, runMain } from '../support/run-main';
import { testDatabaseKind } from '../support/test-database';

/**
 * A cluster's PostgreSQL restarts under traffic (issue 15): two real
 * `server/main.ts` nodes on a PostgreSQL and a Redis of the test's own. While
 * the database is down every request is refused with a clear, retryable
 * error, `/ready` says which dependency is missing, no node exits and no
 * half-written chat is left; once it is back both nodes serve again, and
 * every acknowledged message is stored once, in order, and reached the
 * operator on the other node.
 */
const OUTAGE_CODES = ['UNAVAILABLE', 'INTERNAL'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(testDatabaseKind() === 'postgres' && clusterToolsPresent('redis-server', 'redis-cli'))(
  'two nodes while their PostgreSQL restarts',
  () => {
    let postgres: OwnPostgres;
    let redis: OwnRedis;
    let dir: string;
    const runs: MainRun[] = [];
    const urls: string[] = [];

    beforeAll(async () => {
      postgres = await startOwnPostgres();
      redis = await startOwnRedis();
      dir = await mkdtemp(join(tmpdir(), 'deskbell-cluster-pg-'));
      for (const node of ['node-a', 'node-b']) {
        const run = runMain(['--demo', '--port', '0', '--data-dir', join(dir, node)], {
          DATABASE_URL: postgres.url,
          REDIS_URL: redis.url,
          DESKBELL_NODE_ID: node,
        });
        runs.push(run);
        urls.push(await run.listening());
      }
    }, 90_000);

    afterAll(async () => {
      closeAllClients();
      await Promise.all(runs.map((run) => run.stop()));
      redis.stop();
      postgres.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('refuses clearly while it is down, serves again when it is back, and loses nothing acknowledged', async () => {
      const [a, b] = urls as [string, string];
      const alice = await signIn(b, 'alice');
      const { patron, chatId } = await patronAsks(a, { question: 'Does the desk survive a database restart?' });
      dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
      const heard = recordEvents(alice.socket, 'chat:message');

      // A patron sending four messages a second (within the per-socket limit), through the restart.
      const acknowledged: string[] = [];
      const refusals: string[] = [];
      let sending = true;
      const sender = (async () => {
        for (let index = 0; sending; index += 1) {
          const body = `message ${index}`;
          const ack = await ask(patron, 'chat:send', { id: messageId(), body });
          if (ack.ok) acknowledged.push(body);
          else refusals.push(ack.error.code);
          await sleep(250);
        }
      })();
      await sleep(1_000);

      postgres.halt('fast');
      // Both nodes say the database is missing, and the load balancer stops sending them patrons.
      for (const url of urls) {
        await eventually(async () => {
          const response = await fetch(`${url}/ready`);
          expect(response.status).toBe(503);
          expect(await response.json()).toMatchObject({ database: 'unavailable', redis: 'ok' });
        }, 10_000);
      }
      // A chat started while it is down is refused, clearly, on either node.
      const refusedStart = await ask(await connectPatron(b), 'chat:start', {
        departmentId: 'general-reference',
        question: 'Asked while the database is down',
      });
      expect(refusedStart.ok).toBe(false);
      if (!refusedStart.ok) expect(OUTAGE_CODES).toContain(refusedStart.error.code);
      await sleep(2_000);

      postgres.resume();
      for (const url of urls) {
        await eventually(async () => expect((await fetch(`${url}/ready`)).status).toBe(200), 15_000);
      }
      await eventually(async () => expect(acknowledged.length).toBeGreaterThan(0), 5_000);
      const sentAfter = acknowledged.length;
      await eventually(async () => expect(acknowledged.length).toBeGreaterThan(sentAfter + 5), 10_000);
      sending = false;
      await sender;

      expect(refusals.length).toBeGreaterThan(0);
      for (const code of refusals) expect(OUTAGE_CODES).toContain(code);
      for (const run of runs) expect(run.child.exitCode).toBeNull();

      // Stored once each, in order, with no hole in the chat's sequence.
      const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
      const stored = transcript.messages.filter((message) => message.authorKind === 'patron').map((m) => m.body);
      expect(stored).toEqual(acknowledged);
      const seqs = transcript.messages.map((message) => message.seq);
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
      // The operator on the other node heard every one (live, or by resync after a gap).
      await eventually(async () => {
        const bodies = new Set(heard.map((message) => message.body));
        expect(acknowledged.filter((body) => !bodies.has(body))).toEqual([]);
      }, 10_000);

      // No half-written chat: every chat the database holds has its question as its first message.
      const client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ id: string; messages: string }>(
          `select c.id, count(m.id) as messages from chats c left join messages m on m.chat_id = c.id group by c.id`,
        );
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((row) => Number(row.messages) === 0)).toEqual([]);
      } finally {
        await client.end();
      }

      // And both nodes take new chats again.
      for (const url of urls) {
        const started = await patronAsks(url, { question: `After the restart, through ${url}` });
        expect(started.chatId).toBeTruthy();
      }
    }, 90_000);
  },
);
