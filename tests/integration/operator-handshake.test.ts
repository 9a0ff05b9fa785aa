import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeAllClients, connectOperator, login, type Login } from '../support/clients';
import { DatabaseOutage } from '../support/database-outage';
import { startTestServer, type TestServer } from '../support/test-server';

/** What the server said when it refused a handshake (socket.io's connect_error). */
async function refusalOf(attempt: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await attempt;
  } catch (error) {
    const refused = error as Error & { data?: { code?: string } };
    return { code: refused.data?.code, message: refused.message };
  }
  throw new Error('the handshake was accepted');
}

describe('who may open an operator socket with a librarian’s session', () => {
  let server: TestServer;
  let alice: Login;
  beforeAll(async () => {
    server = await startTestServer();
    alice = await login(server.url, 'alice');
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });
  afterEach(() => closeAllClients());

  it('the browser console on the server’s own origin gets in with its cookie', async () => {
    const socket = await connectOperator(server.url, { cookie: alice.cookie }, { headers: { origin: server.url } });
    expect(socket.connected).toBe(true);
  });

  it('a page on another port of the same host cannot use the cookie (cross-site WebSocket hijacking)', async () => {
    const otherPort = server.url.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`);
    const refused = await refusalOf(
      connectOperator(server.url, { cookie: alice.cookie }, { headers: { origin: otherPort } }),
    );
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain(otherPort);
  });

  it('a page on a sibling subdomain cannot use the cookie either', async () => {
    const refused = await refusalOf(
      connectOperator(server.url, { cookie: alice.cookie }, { headers: { origin: 'https://evil.library.example' } }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('the desktop app with its bearer token gets in from its own origin', async () => {
    const socket = await connectOperator(
      server.url,
      { token: alice.token },
      { headers: { origin: 'deskbell-app://console' } },
    );
    expect(socket.connected).toBe(true);
  });

  it('a bad session is refused as UNAUTHORIZED, the one refusal that means log in again', async () => {
    const refused = await refusalOf(connectOperator(server.url, { token: 'x'.repeat(43) }));
    expect(refused.code).toBe('UNAUTHORIZED');
  });
});

describe('an operator socket while the database is away', () => {
  const outage = new DatabaseOutage();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ outage });
  });
  afterAll(async () => {
    outage.end();
    closeAllClients();
    await server.close();
  });

  it('is refused as UNAVAILABLE (try again), not UNAUTHORIZED, and gets in once the database is back', async () => {
    const alice = await login(server.url, 'alice');
    outage.begin();
    const refused = await refusalOf(connectOperator(server.url, { token: alice.token }));
    expect(outage.refused).toBeGreaterThan(0);
    expect(refused.code).toBe('UNAVAILABLE');
    expect(refused.message).not.toMatch(/log in/i);
    outage.end();
    const socket = await connectOperator(server.url, { token: alice.token });
    expect(socket.connected).toBe(true);
  });
});
