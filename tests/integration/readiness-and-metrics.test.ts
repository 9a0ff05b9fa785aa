import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, signIn } from '../support/clients';
import { DatabaseOutage } from '../support/database-outage';
import { patronAsks } from '../support/flows';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * One node's operations endpoints (issue 15): `/ready` for the load balancer
 * (the database and, in a cluster, Redis; "not used" alone), and `/metrics`
 * for Prometheus: sockets per namespace, waiting chats, answers by outcome,
 * the probes' round trips and the event loop's lag. Cluster nodes are in
 * cluster-nodes.test.ts.
 */
let server: TestServer;
const outage = new DatabaseOutage();

beforeAll(async () => {
  server = await startTestServer({ outage });
});
afterEach(() => {
  outage.end();
  closeAllClients();
});
afterAll(() => server.close());

async function get(path: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** One sample's value from Prometheus text, by its name and labels as printed. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('readiness and metrics of one node', () => {
  it('is ready on its own database, with Redis not used; not ready while the database is away', async () => {
    const ready = await get('/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toEqual({
      ready: true,
      node: 'deskbell',
      database: 'ok',
      redis: 'not used',
      closing: false,
    });
    outage.begin();
    const away = await get('/ready');
    expect(away.status).toBe(503);
    expect(JSON.parse(away.text)).toMatchObject({ ready: false, database: 'unavailable' });
    outage.end();
    expect((await get('/ready')).status).toBe(200);
  });

  it('counts sockets, waiting chats and answers by outcome', async () => {
    const alice = await signIn(server.url, 'alice');
    await patronAsks(server.url);
    await patronAsks(server.url);
    // A refusal is counted under its code.
    const refused = await ask(alice.socket, 'chat:claim', { chatId: 'no-such-chat' });
    expect(refused.ok).toBe(false);
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain('text/plain');
    const { text } = metrics;
    expect(sample(text, 'deskbell_sockets{namespace="operator",node="deskbell"}')).toBe(1);
    expect(sample(text, 'deskbell_sockets{namespace="patron",node="deskbell"}')).toBe(2);
    expect(sample(text, 'deskbell_waiting_chats{node="deskbell"}')).toBe(2);
    expect(sample(text, 'deskbell_acks_total{namespace="patron",outcome="ok",node="deskbell"}')).toBeGreaterThanOrEqual(
      2,
    );
    const code = refused.ok ? '' : refused.error.code;
    expect(sample(text, `deskbell_acks_total{namespace="operator",outcome="${code}",node="deskbell"}`)).toBe(1);
    expect(sample(text, 'deskbell_dependency_up{dependency="database",node="deskbell"}')).toBe(1);
    expect(text).toMatch(/deskbell_dependency_seconds_count\{[^}]*dependency="database"[^}]*\} [1-9]/);
    expect(text).toContain('nodejs_eventloop_lag_seconds{node="deskbell"}');
    dataOf(await ask(alice.socket, 'status:set', { status: 'online' }));
  });

  it('a refusal because the database is away is counted as UNAVAILABLE', async () => {
    const alice = await signIn(server.url, 'alice');
    outage.begin();
    const ack = await ask(alice.socket, 'console:sync', { lastSeqByChat: {} });
    outage.end();
    expect(ack.ok === false && ack.error.code).toBe('UNAVAILABLE');
    const { text } = await get('/metrics');
    expect(
      sample(text, 'deskbell_acks_total{namespace="operator",outcome="UNAVAILABLE",node="deskbell"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('answers not ready once told to drain, before it closes', async () => {
    server.server.drain();
    const draining = await get('/ready');
    expect(draining.status).toBe(503);
    expect(JSON.parse(draining.text)).toMatchObject({ ready: false, closing: true, database: 'ok' });
  });
});
