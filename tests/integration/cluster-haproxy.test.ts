import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haproxyConfig } from '../../scripts/cluster/haproxy-config';
import { ask, closeAllClients, connectPatron, dataOf, nextEvent, signIn } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { freePort } from '../support/own-postgres';
import { clusterToolsPresent, startOwnRedis } from '../support/own-redis';
import { type MainRun, runMain } from '../support/run-main';
import { createTestDatabase, testDatabaseKind } from '../support/test-database';

/**
 * Two nodes behind HAProxy with the README's configuration
 * (scripts/cluster/haproxy-config.ts), on one PostgreSQL and Redis: clients
 * know one address. When the node they were on is killed (kill -9), the load
 * balancer stops sending to it, they come back through the same address to
 * the other node, resume by sequence number and have everything that was
 * acknowledged; `/metrics` is not served from outside.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  closeAllClients();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Which node answered, asked through the balancer. */
async function nodeBehind(url: string): Promise<string> {
  const response = await fetch(`${url}/ready`);
  return String(((await response.json()) as { node?: unknown }).node);
}

describe.runIf(testDatabaseKind() === 'postgres' && clusterToolsPresent('redis-server', 'redis-cli', 'haproxy'))(
  'two nodes behind HAProxy',
  () => {
    const nodes = new Map<string, MainRun>();
    let balancer = '';

    beforeAll(async () => {
      const redis = await startOwnRedis();
      cleanups.push(async () => redis.stop());
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      const dir = await mkdtemp(join(tmpdir(), 'deskbell-haproxy-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      const ports: Record<string, number> = {};
      for (const name of ['node-a', 'node-b']) {
        ports[name] = await freePort();
        const run = runMain(['--demo', '--trust-proxy', '--port', String(ports[name]), '--data-dir', join(dir, name)], {
          DATABASE_URL: database.url ?? '',
          REDIS_URL: redis.url,
          DESKBELL_NODE_ID: name,
        });
        cleanups.push(() => run.stop());
        await run.listening();
        nodes.set(name, run);
      }
      const bindPort = await freePort();
      const configFile = join(dir, 'haproxy.cfg');
      await writeFile(
        configFile,
        haproxyConfig({
          bindHost: '127.0.0.1',
          bindPort,
          checkEveryMs: 500,
          nodes: Object.entries(ports).map(([name, port]) => ({ name, host: '127.0.0.1', port })),
        }),
      );
      const haproxy: ChildProcess = spawn('haproxy', ['-f', configFile, '-db'], { stdio: 'ignore' });
      cleanups.push(async () => {
        haproxy.kill('SIGKILL');
      });
      balancer = `http://127.0.0.1:${bindPort}`;
      // Until both nodes pass their first checks.
      for (let tries = 0; tries < 50; tries += 1) {
        const seen = new Set<string>();
        for (let ask = 0; ask < 6; ask += 1) seen.add(await nodeBehind(balancer).catch(() => ''));
        if (seen.has('node-a') && seen.has('node-b')) return;
        await sleep(200);
      }
      throw new Error('HAProxy did not reach both nodes');
    }, 90_000);

    it('keeps /metrics to the nodes themselves', async () => {
      expect((await fetch(`${balancer}/metrics`)).status).toBe(404);
    });

    it('a node killed mid-chat: its clients come back through the balancer to the other node and lose nothing', async () => {
      const alice = await signIn(balancer, 'alice');
      const { patron, chatId, resumeToken } = await patronAsks(balancer, { question: 'Is anyone there?' });
      dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
      const sent = ['first', 'second', 'third'];
      for (const body of sent) dataOf(await ask(patron, 'chat:send', { id: messageId(), body }));
      dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'answer before' }));

      // Whichever node holds them, kill one: then both clients are certainly on the survivor afterwards.
      nodes.get('node-a')?.child.kill('SIGKILL');
      await nodes.get('node-a')?.exited();
      closeAllClients();
      await sleep(1_500);
      expect(await nodeBehind(balancer)).toBe('node-b');

      // The widget resumes with its token and the last seq it had; the console signs in and syncs.
      const back = await connectPatron(balancer);
      const resumed = dataOf(await ask(back, 'chat:resume', { resumeToken, lastSeq: 0 }));
      const bodies = resumed.messages.map((message) => message.body);
      for (const body of [...sent, 'answer before']) expect(bodies).toContain(body);
      expect(resumed.messages.map((message) => message.seq)).toEqual(
        Array.from({ length: resumed.messages.length }, (_, index) => index + 1),
      );
      const aliceBack = await signIn(balancer, 'alice');
      const synced = dataOf(await ask(aliceBack.socket, 'console:sync', { lastSeqByChat: {} }));
      expect(synced.chats.some((chat) => chat.id === chatId && chat.status === 'active')).toBe(true);
      const heard = nextEvent(aliceBack.socket, 'chat:message', (message) => message.body === 'after the kill');
      dataOf(await ask(back, 'chat:send', { id: messageId(), body: 'after the kill' }));
      expect((await heard).chatId).toBe(chatId);
    }, 60_000);
  },
);
