import { afterEach, describe, expect, it } from 'vitest';
import { ask, closeAllClients, connectPatron, dataOf } from '../support/clients';
import { patronAsks } from '../support/flows';
import { startTestServer, type TestServer } from '../support/test-server';

const servers: TestServer[] = [];
afterEach(async () => {
  closeAllClients();
  for (const server of servers.splice(0)) await server.close();
});

async function serverWith(options: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

const startRequest = { departmentId: 'general-reference', question: 'Is the library open on Sunday?' };

describe('one network address cannot flood the desk', () => {
  it('a script starting chat after chat from one address is stopped, with words a patron can read', async () => {
    const server = await serverWith({ addressLimits: { chatStartsPerMinute: 3 } });
    const patron = await connectPatron(server.url);
    const acks = [];
    for (let index = 0; index < 5; index += 1) acks.push(await ask(patron, 'chat:start', startRequest));
    expect(acks.map((ack) => (ack.ok ? 'started' : ack.error.code))).toEqual([
      'started',
      'started',
      'started',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    const refused = acks[3];
    expect(refused && !refused.ok && refused.error.message).toMatch(/wait a minute/);
    // Opening more sockets from the same address does not reset the count.
    const another = await connectPatron(server.url);
    expect((await ask(another, 'chat:start', startRequest)).ok).toBe(false);
    // What the queue holds is only what was let in.
    expect((await server.snapshot()).chats).toHaveLength(3);
  });

  it('behind the library’s proxy (--trust-proxy) each patron’s own address has its own allowance', async () => {
    const server = await serverWith({ trustProxy: true, addressLimits: { chatStartsPerMinute: 1 } });
    await patronAsks(server.url, {}, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    const neighbour = await connectPatron(server.url, { headers: { 'x-forwarded-for': '198.51.100.9' } });
    dataOf(await ask(neighbour, 'chat:start', startRequest));
    const again = await connectPatron(server.url, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect((await ask(again, 'chat:start', startRequest)).ok).toBe(false);
  });

  it('without --trust-proxy a made-up X-Forwarded-For does not buy a fresh allowance', async () => {
    const server = await serverWith({ addressLimits: { chatStartsPerMinute: 1 } });
    await patronAsks(server.url, {}, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    const spoofed = await connectPatron(server.url, { headers: { 'x-forwarded-for': '198.51.100.9' } });
    expect((await ask(spoofed, 'chat:start', startRequest)).ok).toBe(false);
  });

  it('one address may hold only so many sockets open at once; closing one lets the next in', async () => {
    const server = await serverWith({ addressLimits: { socketsPerAddress: 3 } });
    const open = [await connectPatron(server.url), await connectPatron(server.url), await connectPatron(server.url)];
    await expect(connectPatron(server.url)).rejects.toThrow();
    open[0]?.disconnect();
    await expect
      .poll(
        async () =>
          await connectPatron(server.url)
            .then(() => true)
            .catch(() => false),
      )
      .toBe(true);
  });

  it('one address may open only so many new connections a minute', async () => {
    const server = await serverWith({ addressLimits: { connectionsPerMinute: 4 } });
    for (let index = 0; index < 4; index += 1) (await connectPatron(server.url)).disconnect();
    await expect(connectPatron(server.url)).rejects.toThrow();
  });
});
