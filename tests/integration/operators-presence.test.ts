import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, nextEvent, signIn } from '../support/clients';
import { claimedChat, codeOf, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
const GRACE_MS = 300;

beforeAll(async () => {
  server = await startTestServer({ timings: { presenceGraceMs: GRACE_MS } });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

describe('the Operators list', () => {
  it("console:sync lists every colleague with the server's view of their status", async () => {
    const bob = await onlineOperator(server.url, 'bob');
    const alice = await signIn(server.url, 'alice');
    const { operators } = dataOf(await ask(alice.socket, 'console:sync', {}));
    const byName = new Map((operators ?? []).map((operator) => [operator.displayName, operator]));
    expect(byName.get('Bob')).toMatchObject({ id: bob.me.id, status: 'online', connected: true, role: 'operator' });
    expect(byName.get('Sam')).toMatchObject({ status: 'offline', connected: false, role: 'supervisor' });
    expect(dataOf(await ask(alice.socket, 'operators:list', {})).operators).toEqual(operators);
  });

  it("a colleague's status change reaches the list at once", async () => {
    const alice = await signIn(server.url, 'alice');
    const bob = await onlineOperator(server.url, 'bob');
    const heard = nextEvent(alice.socket, 'operators:presence', (p) => p.id === bob.me.id && p.status === 'away');
    dataOf(await ask(bob.socket, 'status:set', { status: 'away' }));
    expect(await heard).toMatchObject({ displayName: 'Bob', status: 'away', connected: true });
    const internal = nextEvent(
      alice.socket,
      'operators:presence',
      (p) => p.id === bob.me.id && p.status === 'internal',
    );
    dataOf(await ask(bob.socket, 'status:set', { status: 'internal' }));
    await internal;
  });

  it('a colleague whose connection is gone shows disconnected at once and Offline after the grace period', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const bob = await onlineOperator(server.url, 'bob');
    const dropped = nextEvent(alice.socket, 'operators:presence', (p) => p.id === bob.me.id && !p.connected);
    const offline = nextEvent(alice.socket, 'operators:presence', (p) => p.id === bob.me.id && p.status === 'offline');
    bob.socket.disconnect();
    expect(await dropped).toMatchObject({ status: 'online', connected: false });
    await offline;
    const listed = dataOf(await ask(alice.socket, 'operators:list', {})).operators.find((p) => p.id === bob.me.id);
    expect(listed).toMatchObject({ status: 'offline', connected: false });

    // Taken out of routing: a chat cannot be transferred to him.
    const { chatId } = await claimedChat(server.url, alice);
    expect(codeOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: bob.me.id } }))).toBe(
      'TRANSFER_TARGET_UNAVAILABLE',
    );

    // Back again with the status he had chosen.
    const back = nextEvent(alice.socket, 'operators:presence', (p) => p.id === bob.me.id && p.connected);
    await signIn(server.url, 'bob');
    expect(await back).toMatchObject({ status: 'online' });
  });
});
