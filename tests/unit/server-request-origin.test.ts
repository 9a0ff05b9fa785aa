import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DESKTOP_APP_ORIGIN } from '../../server/http/cors';
import { judgeOrigin, ownHost } from '../../server/http/request-origin';

const direct = { trustProxy: false };
const proxied = { trustProxy: true };
const atChat = (headers: IncomingHttpHeaders): IncomingHttpHeaders => ({ host: 'chat.library.example', ...headers });

describe('who may act with a librarian’s session', () => {
  it('the console on the server’s own origin may, however the browser spells the host', () => {
    expect(judgeOrigin(atChat({ origin: 'https://chat.library.example' }), direct)).toEqual({ ok: true });
    expect(judgeOrigin(atChat({ origin: 'HTTPS://Chat.Library.Example' }), direct)).toEqual({ ok: true });
    expect(judgeOrigin({ host: 'chat.library.example:443', origin: 'https://chat.library.example' }, direct)).toEqual({
      ok: true,
    });
    expect(judgeOrigin({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }, direct)).toEqual({ ok: true });
    expect(judgeOrigin({ host: '[::1]:8080', origin: 'http://[::1]:8080' }, direct)).toEqual({ ok: true });
  });

  it('the desktop app may, from any server address', () => {
    expect(judgeOrigin(atChat({ origin: DESKTOP_APP_ORIGIN }), direct)).toEqual({ ok: true });
    expect(judgeOrigin({ origin: DESKTOP_APP_ORIGIN }, direct)).toEqual({ ok: true });
  });

  it('a script or a typed-in address (no Origin, no cross-site Sec-Fetch-Site) may', () => {
    expect(judgeOrigin(atChat({}), direct)).toEqual({ ok: true });
    expect(judgeOrigin(atChat({ 'sec-fetch-site': 'none' }), direct)).toEqual({ ok: true });
    expect(judgeOrigin(atChat({ 'sec-fetch-site': 'same-origin' }), direct)).toEqual({ ok: true });
  });

  it('a sibling subdomain, another port, a look-alike host or an opaque origin may not, and the refusal names it', () => {
    for (const origin of [
      'https://catalog.library.example',
      'https://chat.library.example:8443',
      'https://chat.library.example.evil.example',
      'https://evil.example',
      'null',
      'https://chat.library.example/path',
    ]) {
      const verdict = judgeOrigin(atChat({ origin }), direct);
      expect(verdict.ok, origin).toBe(false);
      expect(verdict.ok ? '' : verdict.reason, origin).toContain(origin);
    }
  });

  it('an https page on port 80 is not the server’s own origin just because 80 is http’s default port', () => {
    expect(judgeOrigin(atChat({ origin: 'https://chat.library.example:80' }), direct).ok).toBe(false);
    expect(judgeOrigin(atChat({ origin: 'http://chat.library.example:443' }), direct).ok).toBe(false);
  });

  it('a cross-site or same-site request that leaves Origin out may not', () => {
    for (const site of ['cross-site', 'same-site']) {
      const verdict = judgeOrigin(atChat({ 'sec-fetch-site': site }), direct);
      expect(verdict).toEqual({ ok: false, reason: expect.stringContaining(site) });
    }
  });

  it('behind the library’s proxy the forwarded host is the server’s own, and only when the proxy is trusted', () => {
    const headers = {
      host: '10.0.0.5:8080',
      origin: 'https://chat.library.example',
      'x-forwarded-host': 'chat.library.example, 10.0.0.5:8080',
    };
    expect(judgeOrigin(headers, proxied)).toEqual({ ok: true });
    expect(judgeOrigin(headers, direct).ok).toBe(false);
    expect(ownHost(headers, true)).toBe('chat.library.example');
    expect(ownHost(headers, false)).toBe('10.0.0.5:8080');
  });

  it('extra origins are matched however their case was written', () => {
    const rule = { trustProxy: false, extraOrigins: ['https://Staff.Library.Example'] };
    expect(judgeOrigin(atChat({ origin: 'https://staff.library.example' }), rule)).toEqual({ ok: true });
  });
});
