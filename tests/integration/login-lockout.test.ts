import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Library PCs behind the library's own proxy (--trust-proxy), told apart by X-Forwarded-For. */
const BOBS_DESK = '198.51.100.20';
const GUESSER = '203.0.113.66';

async function attempt(target: TestServer, address: string, username: string, password: string) {
  const response = await fetch(`${target.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

describe('wrong passwords do not lock the real librarian out', () => {
  it('eight wrong passwords for bob from one address do not lock bob out at his own desk', async () => {
    server = await startTestServer({ trustProxy: true });
    for (let guess = 0; guess < 8; guess += 1) {
      expect((await attempt(server, GUESSER, 'bob', `guess-${guess}`)).status).not.toBe(200);
    }
    expect((await attempt(server, GUESSER, 'bob', 'deskbell-demo')).status).toBe(429);
    expect((await attempt(server, BOBS_DESK, 'bob', 'deskbell-demo')).status).toBe(200);
  });

  it('forty failed logins from one address do not lock out a colleague who types her password right there', async () => {
    server = await startTestServer({ trustProxy: true });
    // Forty mistakes at the reference desk PC, a few for each of ten names (some mistyped, none guessed twice too often).
    for (let person = 0; person < 10; person += 1) {
      for (let guess = 0; guess < 4; guess += 1) {
        expect((await attempt(server, GUESSER, `staff-${person}`, `guess-${guess}`)).status).toBe(401);
      }
    }
    expect((await attempt(server, GUESSER, 'alice', 'deskbell-demo')).status).toBe(200);
  });

  it('a guesser who tries the right password after too many wrong ones still waits, and is told how long', async () => {
    server = await startTestServer({
      trustProxy: true,
      loginThrottle: { failuresBeforeWait: 3, firstWaitSeconds: 90 },
    });
    for (let guess = 0; guess < 3; guess += 1) {
      expect((await attempt(server, GUESSER, 'sam', `guess-${guess}`)).status).toBe(401);
    }
    const refused = await attempt(server, GUESSER, 'sam', 'deskbell-demo');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBe(90);
  });

  it('an address spraying one password over many names stops at its daily cap; other desks are untouched', async () => {
    server = await startTestServer({ trustProxy: true, loginThrottle: { failuresPerAddressPerDay: 6 } });
    for (const name of ['ann', 'ben', 'cat', 'dan', 'eve', 'fay']) {
      expect((await attempt(server, GUESSER, name, 'Spring2024!')).status).toBe(401);
    }
    const capped = await attempt(server, GUESSER, 'gus', 'Spring2024!');
    expect(capped.status).toBe(429);
    expect(Number(capped.retryAfter)).toBeGreaterThan(0);
    expect((await attempt(server, BOBS_DESK, 'bob', 'deskbell-demo')).status).toBe(200);
  });

  it('many guesses for bob sent at once from one address get no more tries than one after another', async () => {
    server = await startTestServer({ trustProxy: true, loginThrottle: { failuresBeforeWait: 3 } });
    const target = server;
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, guess) => attempt(target, GUESSER, 'bob', `guess-${guess}`)),
    );
    expect(statuses.filter((result) => result.status === 401).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((result) => result.status === 429).length).toBeGreaterThanOrEqual(9);
  });
});
