import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, connectPatron, dataOf, nextEvent, recordEvents, signIn } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { eventually } from '../support/eventually';
import { clusterToolsPresent, startOwnRedis, type OwnRedis } from '../support/own-redis';
import { type MainRun, runMain } from '../support/run-main';
import { createTestDatabase, testDatabaseKind } from '../support/test-database';

/**
 * Deskbell as a cluster (issue 15): real `server/main.ts` processes on one
 * PostgreSQL and a Redis of the test's own. A patron on one node, operators
 * on the others: alerts, claims, messages and typing cross the nodes through
 * the Redis streams adapter; rate limits are shared; `/ready` says when
 * Redis is away; and after a Redis pause or restart the nodes deliver to each
 * other again. On SQLite a cluster is refused, with the reason.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  closeAllClients();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readiness(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe.runIf(testDatabaseKind() === 'sqlite')('a cluster on SQLite', () => {
  it('is refused at start, naming DATABASE_URL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deskbell-cluster-sqlite-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const run = runMain(['--demo', '--port', '0', '--data-dir', dir], { REDIS_URL: 'redis://127.0.0.1:1' });
    const exit = await run.exited();
    expect(exit.code).toBe(2);
    expect(run.stderr()).toContain('REDIS_URL needs DATABASE_URL');
  });
});

describe.runIf(testDatabaseKind() === 'postgres' && clusterToolsPresent('redis-server', 'redis-cli'))(
  'three nodes on one PostgreSQL and Redis',
  () => {
    let redis: OwnRedis;
    const urls: string[] = [];
    const runs: MainRun[] = [];
    let start: (node: string) => MainRun = () => {
      throw new Error('not started');
    };

    beforeAll(async () => {
      redis = await startOwnRedis();
      cleanups.push(async () => redis.stop());
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      const dir = await mkdtemp(join(tmpdir(), 'deskbell-cluster-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      start = (node: string): MainRun => {
        const run = runMain(['--demo', '--port', '0', '--data-dir', join(dir, node)], {
          DATABASE_URL: database.url ?? '',
          REDIS_URL: redis.url,
          DESKBELL_NODE_ID: node,
          // Short enough for a test to wait for: a node killed, its operator shown Offline.
          DESKBELL_PRESENCE_GRACE_SECONDS: '3',
          DESKBELL_PRESENCE_SWEEP_SECONDS: '2',
          // Deadlines short enough to watch three nodes act on them.
          DESKBELL_TRANSFER_TIMEOUT_SECONDS: '2',
          DESKBELL_PATRON_RETURN_SECONDS: '2',
        });
        cleanups.push(() => run.stop());
        return run;
      };
      // One after the other: the first migrates and seeds, the others find it done.
      for (const node of ['node-a', 'node-b', 'node-c']) {
        const run = start(node);
        runs.push(run);
        urls.push(await run.listening());
      }
    }, 90_000);

    it('a chat asked on one node is alerted, claimed, chatted and ended from the others', async () => {
      const [a, b, c] = urls as [string, string, string];
      const alice = await signIn(b, 'alice');
      const sam = await signIn(c, 'sam');
      const alerted = nextEvent(alice.socket, 'chat:new');
      const samAlerted = nextEvent(sam.socket, 'chat:new');
      const { patron, chatId } = await patronAsks(a, { question: 'Across the nodes?' });
      expect((await alerted).id).toBe(chatId);
      expect((await samAlerted).id).toBe(chatId);

      const joined = nextEvent(patron, 'chat:status', (chat) => chat.status === 'active');
      dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
      expect((await joined).operatorName).toBe('Alice');

      const typing = nextEvent(alice.socket, 'chat:typing', (event) => event.chatId === chatId);
      await ask(patron, 'chat:typing', { typing: true });
      expect((await typing).typing).toBe(true);

      const heardByAlice = nextEvent(alice.socket, 'chat:message', (message) => message.body === 'from node a');
      dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'from node a' }));
      expect((await heardByAlice).chatId).toBe(chatId);
      const heardByPatron = nextEvent(patron, 'chat:message', (message) => message.body === 'from node b');
      dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'from node b' }));
      expect((await heardByPatron).seq).toBeGreaterThan(0);

      const ended = nextEvent(patron, 'chat:status', (chat) => chat.status === 'ended');
      dataOf(await ask(alice.socket, 'chat:end', { chatId }));
      await ended;
    });

    it('presence crosses the nodes: an operator Online on one node makes the desk available on another', async () => {
      const [a, b] = urls as [string, string];
      const bob = await signIn(b, 'bob');
      const presence = recordEvents((await signIn(a, 'sam')).socket, 'operators:presence');
      dataOf(await ask(bob.socket, 'status:set', { status: 'online' }));
      await eventually(async () => {
        expect(presence.some((entry) => entry.id === bob.me.id && entry.status === 'online')).toBe(true);
      }, 5_000);
      const patron = await connectPatron(a);
      const config = dataOf(await ask(patron, 'widget:config', { departmentId: 'general-reference' }));
      expect(config.online).toBe(true);
    });

    it('each node is ready while its database and Redis answer, and says which one is missing', async () => {
      for (const [index, url] of urls.entries()) {
        const { status, body } = await readiness(url);
        expect(status).toBe(200);
        expect(body).toMatchObject({ ready: true, database: 'ok', redis: 'ok', node: `node-${'abc'[index]}` });
      }
      const metrics = await (await fetch(`${urls[0]}/metrics`)).text();
      expect(metrics).toMatch(/deskbell_sockets\{namespace="patron",node="node-a"\} \d+/);
      expect(metrics).toMatch(/deskbell_acks_total\{namespace="patron",outcome="ok",node="node-a"\} [1-9]/);
      expect(metrics).toMatch(/deskbell_dependency_up\{dependency="redis",node="node-a"\} 1/);
      expect(metrics).toContain('nodejs_eventloop_lag_seconds');
    });

    it('after Redis is paused and after it is restarted, the nodes deliver to each other again within 5 s', async () => {
      const [a, b] = urls as [string, string];
      const alice = await signIn(b, 'alice');
      const { patron, chatId } = await patronAsks(a, { question: 'Will Redis come back?' });
      dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
      const heard = recordEvents(alice.socket, 'chat:message');
      const sendAndHear = async (body: string) => {
        dataOf(await ask(patron, 'chat:send', { id: messageId(), body }));
        return eventually(async () => {
          expect(heard.some((message) => message.body === body)).toBe(true);
        }, 5_000);
      };
      await sendAndHear('before');

      redis.pause();
      await eventually(async () => {
        const { status, body } = await readiness(a);
        expect(status).toBe(503);
        expect(body).toMatchObject({ ready: false, redis: 'unavailable', database: 'ok' });
      }, 8_000);
      // Stored while Redis is away: the send is acknowledged (the database has it).
      dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'during the pause' }));
      redis.unpause();
      await eventually(async () => expect((await readiness(a)).status).toBe(200), 8_000);
      await sendAndHear('after the pause');

      await redis.restart();
      await eventually(async () => expect((await readiness(a)).status).toBe(200), 8_000);
      // Once Redis answers again, a message crosses the nodes within 5 s.
      await sendAndHear('after the restart');
      // Nothing acknowledged was lost: the transcript has every message, in order, once.
      const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
      const bodies = transcript.messages.filter((message) => message.authorKind === 'patron').map((m) => m.body);
      expect(bodies).toEqual(['before', 'during the pause', 'after the pause', 'after the restart']);
    }, 60_000);

    it('Redis paused for 10 s, then restarted: nobody connected to another node is taken for gone', async () => {
      const [a, b, c] = urls as [string, string, string];
      const dana = await signIn(c, 'dana');
      dataOf(await ask(dana.socket, 'status:set', { status: 'online' }));
      const alice = await signIn(b, 'alice');
      const { patron, chatId } = await patronAsks(a, { question: 'Still there when Redis stops?' });
      dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
      const sam = await signIn(a, 'sam');
      const heard = recordEvents(sam.socket, 'operators:presence');
      const aliceHeard = recordEvents(alice.socket, 'chat:message');
      // Every node's sweep (every 2 s) has seen Dana, Alice and the patron.
      await sleep(4_500);

      // Ten seconds paused (every request between the nodes waits, then times out), then restarted a few
      // times (requests in flight end with the connection's error). Meanwhile a console keeps asking who
      // is there, so requests to the other nodes are in flight at every moment of the faults.
      let asking = true;
      const lists = (async () => {
        while (asking) {
          // One a second, answered or not (an answer may wait while Redis is paused): no failure here.
          void ask(sam.socket, 'operators:list', {}).catch(() => undefined);
          await sleep(1_000);
        }
      })();
      redis.pause();
      await sleep(10_000);
      redis.unpause();
      for (let restart = 0; restart < 4; restart += 1) {
        await sleep(2_500);
        await redis.restart();
      }
      asking = false;
      await lists;
      // Sweeps (every 2 s), the patron's settle (3 s) and graces (3 s) would have acted on a wrong census by now.
      await sleep(12_000);

      const danaGone = heard.filter(
        (entry) => entry.id === dana.me.id && (!entry.connected || entry.status === 'offline'),
      );
      expect(danaGone).toEqual([]);
      const listed = dataOf(await ask(sam.socket, 'operators:list', {}));
      expect(listed.operators.find((entry) => entry.id === dana.me.id)).toMatchObject({
        status: 'online',
        connected: true,
      });
      const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
      const events = transcript.messages.flatMap((message) => (message.event ? [message.event.type] : []));
      expect(events).not.toContain('patron-away');
      expect(events).not.toContain('patron-left');
      expect(events).not.toContain('handed-back');
      expect(transcript.chat).toMatchObject({ status: 'active', ownerId: alice.me.id });
      // And the chat goes on across the nodes.
      dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'still here' }));
      await eventually(async () => {
        expect(aliceHeard.some((message) => message.body === 'still here')).toBe(true);
      }, 5_000);
    }, 60_000);

    it('with three nodes each deadline is acted on once: a transfer nobody takes, a patron who does not come back', async () => {
      const [a, b, c] = urls as [string, string, string];
      const alice = await signIn(a, 'alice');
      const bob = await signIn(b, 'bob');
      const returned = recordEvents(alice.socket, 'chat:transfer-returned');
      const first = await patronAsks(c, { question: 'Transfer me, please' });
      dataOf(await ask(alice.socket, 'chat:claim', { chatId: first.chatId }));
      dataOf(
        await ask(alice.socket, 'chat:transfer', { chatId: first.chatId, to: { kind: 'operator', id: bob.me.id } }),
      );

      const second = await patronAsks(b, { question: 'I will close the page' });
      dataOf(await ask(alice.socket, 'chat:claim', { chatId: second.chatId }));
      second.patron.disconnect();

      // Transfer timeout 2 s; the patron's settle (3 s) and return period (2 s); every node's upkeep runs each second.
      await eventually(async () => {
        const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId: second.chatId }));
        expect(transcript.messages.some((message) => message.event?.type === 'patron-left')).toBe(true);
      }, 15_000);
      await sleep(3_000);
      expect(returned.filter((event) => event.chat.id === first.chatId)).toHaveLength(1);
      const transferred = dataOf(await ask(alice.socket, 'chat:transcript', { chatId: first.chatId }));
      expect(transferred.messages.filter((message) => message.event?.type === 'transfer-returned')).toHaveLength(1);
      const left = dataOf(await ask(alice.socket, 'chat:transcript', { chatId: second.chatId }));
      expect(left.messages.filter((message) => message.event?.type === 'patron-left')).toHaveLength(1);
    }, 40_000);

    it('a node killed with an operator on it who is back through another node within the grace: colleagues never see them Offline', async () => {
      const [a, b] = urls as [string, string];
      const bob = await signIn(b, 'bob');
      dataOf(await ask(bob.socket, 'status:set', { status: 'online' }));
      const sam = await signIn(a, 'sam');
      const heard = recordEvents(sam.socket, 'operators:presence');
      // Every node's sweep (every 2 s) has seen Bob at the desk.
      await sleep(4_500);
      runs[1]?.child.kill('SIGKILL');
      await runs[1]?.exited();
      // His console comes back at once through a node that is up (the balancer sends it there).
      const bobBack = await signIn(a, 'bob');
      expect(bobBack.me.id).toBe(bob.me.id);
      // The sweeps (2 s) and a grace (3 s) twice over: an Offline would have been announced by now.
      await sleep(10_000);
      expect(heard.filter((entry) => entry.id === bob.me.id && entry.status === 'offline')).toEqual([]);
      const listed = dataOf(await ask(sam.socket, 'operators:list', {}));
      expect(listed.operators.find((entry) => entry.id === bob.me.id)).toMatchObject({
        status: 'online',
        connected: true,
      });
      // Node B again, for the tests after this one.
      runs[1] = start('node-b');
      urls[1] = await runs[1].listening();
    }, 60_000);

    it('a node killed (kill -9) with an Online operator on it: colleagues on the other nodes see them Offline after the grace', async () => {
      const [a, , c] = urls as [string, string, string];
      const dana = await signIn(c, 'dana');
      dataOf(await ask(dana.socket, 'status:set', { status: 'online' }));
      const sam = await signIn(a, 'sam');
      const heard = recordEvents(sam.socket, 'operators:presence');
      // Dana has been at the desk a while: the other nodes' sweeps (every 2 s) have seen her.
      await sleep(4_500);
      runs[2]?.child.kill('SIGKILL');
      await runs[2]?.exited();
      // The sweep (2 s) once the adapter has dropped the dead node (6 s), then the grace (3 s).
      const waited = await eventually(async () => {
        expect(heard.some((entry) => entry.id === dana.me.id && entry.status === 'offline')).toBe(true);
      }, 25_000);
      expect(waited).toBeGreaterThanOrEqual(3_000);
      // Each node starts its own grace at its own sweep: they agree within a sweep period.
      await eventually(async () => {
        const listed = dataOf(await ask(sam.socket, 'operators:list', {}));
        expect(listed.operators.find((entry) => entry.id === dana.me.id)?.status).toBe('offline');
      }, 5_000);
    }, 40_000);

    it('through Redis pauses, restarts and a node killed, the nodes left logged no error and no unhandled rejection', () => {
      for (const run of runs.slice(0, 2)) {
        const errors = run
          .output()
          .split('\n')
          .filter((line) => line.includes('unhandled rejection') || /"level":(50|60)/.test(line));
        expect(errors).toEqual([]);
      }
    });
  },
);
