import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP_APP_ORIGIN } from '../../server/http/cors';
import { ask, closeAllClients, connectOperator, dataOf, login } from '../support/clients';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The desktop app loads its console from inside the app (deskbell-app://console),
 * so its calls to the server are cross-origin: the server must answer CORS for
 * that origin on /api/*, and for no other.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const FOREIGN_ORIGIN = 'https://some-other-site.example';

function preflight(path: string, origin: string, method: string, headers: string) {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
}

function desktopLogin(origin = DESKTOP_APP_ORIGIN) {
  return fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'deskbell-demo' }),
  });
}

describe('the desktop app reaching the server from its own origin', () => {
  it("lets the desktop app's login form post JSON (the browser's preflight is answered)", async () => {
    const response = await preflight('/api/login', DESKTOP_APP_ORIGIN, 'POST', 'content-type');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(response.headers.get('vary')).toContain('Origin');
    // A bearer token, never the cookie: credentials are not offered to any origin.
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets the desktop app ask who is logged in with its bearer token', async () => {
    const check = await preflight('/api/me', DESKTOP_APP_ORIGIN, 'GET', 'authorization');
    expect(check.status).toBe(204);
    expect(check.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');

    const loggedIn = await desktopLogin();
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    const { token } = (await loggedIn.json()) as { token: string };

    const me = await fetch(`${server.url}/api/me`, {
      headers: { origin: DESKTOP_APP_ORIGIN, authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(me.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect(((await me.json()) as { operator: { username: string } }).operator.username).toBe('alice');
  });

  it('an expired or missing session reaches the desktop app as a readable 401, so it can forget its token', async () => {
    const me = await fetch(`${server.url}/api/me`, {
      headers: { origin: DESKTOP_APP_ORIGIN, authorization: `Bearer ${'x'.repeat(40)}` },
    });
    expect(me.status).toBe(401);
    expect(me.headers.get('access-control-allow-origin')).toBe(DESKTOP_APP_ORIGIN);
    expect(((await me.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it('a page on any other site gets no CORS answer, so its browser keeps the reply from it', async () => {
    const check = await preflight('/api/login', FOREIGN_ORIGIN, 'POST', 'content-type');
    expect(check.headers.get('access-control-allow-origin')).toBeNull();
    expect(check.headers.get('access-control-allow-methods')).toBeNull();

    const attempt = await desktopLogin(FOREIGN_ORIGIN);
    expect(attempt.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('only /api answers CORS: the health check and the console files stay same-origin', async () => {
    const health = await fetch(`${server.url}/health`, { headers: { origin: DESKTOP_APP_ORIGIN } });
    expect(health.status).toBe(200);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("the desktop app's WebSocket from its own origin connects and catches up", async () => {
    const origins: Array<string | undefined> = [];
    const onConnection = (socket: { request: { headers: { origin?: string } } }) =>
      origins.push(socket.request.headers.origin);
    server.server.io.engine.on('connection', onConnection);
    try {
      const { token } = await login(server.url, 'alice');
      const socket = await connectOperator(server.url, { token }, { headers: { origin: DESKTOP_APP_ORIGIN } });
      const sync = dataOf(await ask(socket, 'console:sync', { lastSeqByChat: {} }));
      expect(sync.me.username).toBe('alice');
      expect(origins).toContain(DESKTOP_APP_ORIGIN);
    } finally {
      server.server.io.engine.off('connection', onConnection);
    }
  });
});
