import { afterEach, describe, expect, it } from 'vitest';
import { closeAllClients, nextEvent, signIn } from '../support/clients';
import { patronAsks } from '../support/flows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer | undefined;

afterEach(async () => {
  closeAllClients();
  await server?.close();
  server = undefined;
});

const PROXY_HEADERS = { 'x-forwarded-for': '203.0.113.7, 10.0.0.2' };

async function patronIpSeenBehindProxy(trustProxy: boolean): Promise<string | null> {
  server = await startTestServer({ trustProxy });
  const alice = await signIn(server.url, 'alice');
  const seen = nextEvent(alice.socket, 'chat:new');
  await patronAsks(server.url, {}, { headers: { 'user-agent': 'test', ...PROXY_HEADERS } });
  return (await seen).patron.ip;
}

describe("the patron's IP address behind a proxy", () => {
  it('with trust proxy configured, the first X-Forwarded-For hop is the patron IP', async () => {
    expect(await patronIpSeenBehindProxy(true)).toBe('203.0.113.7');
  });

  it('without trust proxy, X-Forwarded-For is ignored and the connecting address is shown', async () => {
    expect(await patronIpSeenBehindProxy(false)).toBe('127.0.0.1');
  });

  it('with trust proxy, logins are throttled per forwarded address, not per proxy', async () => {
    server = await startTestServer({
      trustProxy: true,
      loginThrottle: { failuresPerAddressPerDay: 2, failuresBeforeWait: 100 },
    });
    const attempt = (address: string, username: string) =>
      fetch(`${server?.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ username, password: 'wrong-password' }),
      }).then((response) => response.status);
    expect(await attempt('198.51.100.1', 'alice')).toBe(401);
    expect(await attempt('198.51.100.1', 'bob')).toBe(401);
    expect(await attempt('198.51.100.1', 'sam')).toBe(429);
    // Another library PC behind the same proxy is not blocked.
    expect(await attempt('198.51.100.2', 'sam')).toBe(401);
  });
});
