import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP_APP_ORIGIN } from '../../server/http/cors';
import { SESSION_COOKIE } from '../../src/protocol/http';
import { ask, closeAllClients, connectOperator, dataOf, login } from '../support/clients';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ loginThrottle: { failuresBeforeWait: 4 } });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

function postLogin(body: unknown) {
  return fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('logging in to the console', () => {
  it('a demo operator logging in from a script gets a bearer token, an httpOnly session cookie and their profile', async () => {
    const response = await postLogin({ username: 'alice', password: 'deskbell-demo' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      token: string;
      operator: { username: string; role: string; departmentIds: string[] };
    };
    expect(body.token.length).toBeGreaterThanOrEqual(32);
    expect(body.operator).toMatchObject({ username: 'alice', displayName: 'Alice', role: 'operator' });
    expect(body.operator.departmentIds).toEqual(['general-reference', 'research-help']);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toContain(`${SESSION_COOKIE}=${body.token}`);
    expect(cookie.toLowerCase()).toContain('httponly');
  });

  it("the browser console's login answer keeps the 30-day token out of page script: only the httpOnly cookie carries it", async () => {
    const browsers: Array<Record<string, string>> = [
      { origin: server.url, 'sec-fetch-site': 'same-origin' },
      // A browser that leaves Origin out still says where the request came from.
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const browser of browsers) {
      const response = await fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...browser },
        body: JSON.stringify({ username: 'alice', password: 'deskbell-demo' }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { token?: string; operator: { username: string } };
      expect(body.token).toBeUndefined();
      expect(body.operator.username).toBe('alice');
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
      expect(cookie.toLowerCase()).toContain('httponly');
      const me = await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
      expect(me.status).toBe(200);
    }
  });

  it('the desktop app, calling from its own origin, still gets the bearer token it keeps', async () => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: DESKTOP_APP_ORIGIN, 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ username: 'bob', password: 'deskbell-demo' }),
    });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token?: string };
    expect(token?.length).toBeGreaterThanOrEqual(32);
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token ?? ''}` } });
    expect(((await me.json()) as { operator: { username: string } }).operator.username).toBe('bob');
  });

  it('a wrong password is refused with 401 and a readable error', async () => {
    const response = await postLogin({ username: 'bob', password: 'not-the-password' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  });

  it('an unknown username is refused exactly like a wrong password', async () => {
    const response = await postLogin({ username: 'nobody-here', password: 'deskbell-demo' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it('a login form with a missing field is refused with 400 naming the field', async () => {
    const response = await postLogin({ username: 'alice' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain('password');
  });

  it('a body that is not JSON is refused with 400 in the same error shape', async () => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "alice",',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
  });

  it('after repeated wrong passwords from one address even the right one is refused there for a while', async () => {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect((await postLogin({ username: 'sam', password: `guess-${attempt}` })).status).toBe(401);
    }
    const blocked = await postLogin({ username: 'sam', password: 'deskbell-demo' });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other accounts are not locked out by sam's guesses.
    expect((await postLogin({ username: 'bob', password: 'deskbell-demo' })).status).toBe(200);
  });
});

describe('who is logged in', () => {
  it('GET /api/me answers with the profile for the browser cookie and for the desktop bearer token', async () => {
    const session = await login(server.url, 'alice');
    const byCookie = await fetch(`${server.url}/api/me`, { headers: { cookie: session.cookie } });
    expect(byCookie.status).toBe(200);
    expect(((await byCookie.json()) as { operator: { username: string } }).operator.username).toBe('alice');
    const byBearer = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(((await byBearer.json()) as { operator: { id: string } }).operator.id).toBe(session.operator.id);
  });

  it('GET /api/me without a session is 401', async () => {
    const response = await fetch(`${server.url}/api/me`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it('the operator socket opens with the session cookie (browser) and with the token (desktop)', async () => {
    const session = await login(server.url, 'bob');
    const browser = await connectOperator(server.url, { cookie: session.cookie });
    const desktop = await connectOperator(server.url, { token: session.token });
    expect(dataOf(await ask(browser, 'console:sync', {})).me.username).toBe('bob');
    expect(dataOf(await ask(desktop, 'console:sync', {})).me.username).toBe('bob');
  });

  it('the operator socket refuses a connection without a valid session', async () => {
    await expect(connectOperator(server.url, { token: 'x'.repeat(43) })).rejects.toThrow(/UNAUTHORIZED/);
    await expect(connectOperator(server.url, { cookie: `${SESSION_COOKIE}=forged-cookie-value-123` })).rejects.toThrow(
      /UNAUTHORIZED/,
    );
  });
});

describe('logging out', () => {
  it('logout ends the session: the token stops working and its open sockets are closed', async () => {
    const session = await login(server.url, 'alice');
    const socket = await connectOperator(server.url, { token: session.token });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    const response = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { cookie: session.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join(';')).toContain(`${SESSION_COOKIE}=;`);

    expect(await closed).toBe('io server disconnect');
    expect(
      (await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${session.token}` } })).status,
    ).toBe(401);
    await expect(connectOperator(server.url, { token: session.token })).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('logging out one session leaves the operator logged in elsewhere', async () => {
    const laptop = await login(server.url, 'bob');
    const desk = await login(server.url, 'bob');
    await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${laptop.token}` } });
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${desk.token}` } })).status).toBe(
      200,
    );
  });
});
