/** The password of every demo account (server/seed/demo-seed.ts). */
export const DEMO_PASSWORD = 'deskbell-demo';

/**
 * Logs a demo account in over HTTP and returns its bearer token. A Node fetch
 * sends no Origin, so the answer carries the token; should it not (a browser
 * request would not get one), the session cookie holds the same token.
 */
export async function demoLogin(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token?: string };
  if (body.token) return body.token;
  const cookie = response.headers.getSetCookie().find((line) => /^[^=]+=[^;]{16,}/.test(line));
  const token = cookie ? decodeURIComponent(cookie.split(';')[0]?.split('=').slice(1).join('=') ?? '') : '';
  if (!token) throw new Error(`login as ${username}: no token in the answer or its cookie`);
  return token;
}
