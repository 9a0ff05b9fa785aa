import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP_APP_ORIGIN } from '../../server/http/cors';
import { login } from '../support/clients';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let proxied: TestServer;

beforeAll(async () => {
  [server, proxied] = await Promise.all([startTestServer(), startTestServer({ trustProxy: true })]);
});
afterAll(() => Promise.all([server.close(), proxied.close()]));

/** What a page elsewhere can send without a preflight: a "simple" text/plain POST that carries the cookie. */
function simplePost(target: TestServer, path: string, headers: Record<string, string>) {
  return fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...headers },
    body: '{}',
  });
}

async function stillLoggedIn(target: TestServer, cookie: string): Promise<boolean> {
  return (await fetch(`${target.url}/api/me`, { headers: { cookie } })).status === 200;
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("a page on another site cannot act with a librarian's session cookie", () => {
  it('a foreign page cannot log alice out with her cookie: 403 naming its Origin, and she stays logged in', async () => {
    const alice = await login(server.url, 'alice');
    const response = await simplePost(server, '/api/logout', {
      cookie: alice.cookie,
      origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
    const error = await errorOf(response);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('https://evil.example');
    expect(response.headers.getSetCookie().join(';')).not.toContain('deskbell_session=;');
    expect(await stillLoggedIn(server, alice.cookie)).toBe(true);
  });

  it('a page on another port of the same host is another origin and is refused too', async () => {
    const bob = await login(server.url, 'bob');
    const port = Number(new URL(server.url).port);
    const sibling = `http://127.0.0.1:${port === 65535 ? port - 1 : port + 1}`;
    const response = await simplePost(server, '/api/logout', { cookie: bob.cookie, origin: sibling });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toContain(sibling);
    expect(await stillLoggedIn(server, bob.cookie)).toBe(true);
  });

  it('a cross-site form post that leaves Origin out is refused by its Sec-Fetch-Site', async () => {
    const sam = await login(server.url, 'sam');
    const response = await simplePost(server, '/api/logout', { cookie: sam.cookie, 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('FORBIDDEN');
    expect(await stillLoggedIn(server, sam.cookie)).toBe(true);
  });

  it("a foreign page cannot log the librarian's browser in to an account of its choosing", async () => {
    const response = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'alice', password: 'deskbell-demo' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe('the console and the desktop app keep working', () => {
  it('the browser console on the server’s own origin logs out with its cookie, where a foreign page could not', async () => {
    const alice = await login(server.url, 'alice');
    expect(
      (await simplePost(server, '/api/logout', { cookie: alice.cookie, origin: 'http://evil.example' })).status,
    ).toBe(403);
    const own = { cookie: alice.cookie, origin: server.url, 'sec-fetch-site': 'same-origin' };
    expect((await fetch(`${server.url}/api/logout`, { method: 'POST', headers: own })).status).toBe(200);
    expect(await stillLoggedIn(server, alice.cookie)).toBe(false);
  });

  it('the desktop app logs in and out from its own origin with its bearer token; a foreign origin with the token may not', async () => {
    const loggedIn = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: DESKTOP_APP_ORIGIN },
      body: JSON.stringify({ username: 'bob', password: 'deskbell-demo' }),
    });
    expect(loggedIn.status).toBe(200);
    const { token } = (await loggedIn.json()) as { token: string };
    const bearer = { authorization: `Bearer ${token}` };
    const foreign = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { origin: 'deskbell-app://somebody-else', ...bearer },
    });
    expect(foreign.status).toBe(403);
    const loggedOut = await fetch(`${server.url}/api/logout`, {
      method: 'POST',
      headers: { origin: DESKTOP_APP_ORIGIN, ...bearer },
    });
    expect(loggedOut.status).toBe(200);
    expect((await fetch(`${server.url}/api/me`, { headers: bearer })).status).toBe(401);
  });

  it('behind the library’s proxy (--trust-proxy) the console’s public https origin is its own, and no other', async () => {
    const alice = await login(proxied.url, 'alice');
    const forwarded = { 'x-forwarded-host': 'chat.library.example', 'x-forwarded-proto': 'https' };
    const sibling = await simplePost(proxied, '/api/logout', {
      cookie: alice.cookie,
      origin: 'https://catalog.library.example',
      ...forwarded,
    });
    expect(sibling.status).toBe(403);
    const own = await simplePost(proxied, '/api/logout', {
      cookie: alice.cookie,
      origin: 'https://chat.library.example',
      ...forwarded,
    });
    expect(own.status).toBe(200);
    expect(await stillLoggedIn(proxied, alice.cookie)).toBe(false);
  });

  it('without --trust-proxy a forwarded host header does not make a foreign origin the server’s own', async () => {
    const alice = await login(server.url, 'alice');
    const response = await simplePost(server, '/api/logout', {
      cookie: alice.cookie,
      origin: 'https://evil.example',
      'x-forwarded-host': 'evil.example',
    });
    expect(response.status).toBe(403);
    expect(await stillLoggedIn(server, alice.cookie)).toBe(true);
  });
});
