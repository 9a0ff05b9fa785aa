import type { IncomingHttpHeaders } from 'node:http';
import { DESKTOP_APP_ORIGIN } from './cors';

/**
 * Who may act with a librarian's session: pages of this server's own origin
 * (the browser console) and the desktop app. One rule for the `/operator`
 * socket handshake and for state-changing HTTP requests, so a page on a
 * sibling subdomain or another port of the same host cannot ride on the
 * session cookie (cross-site WebSocket hijacking, CSRF).
 */
export interface OriginRule {
  /** Take the scheme and host from X-Forwarded-Proto / X-Forwarded-Host (only behind the library's own proxy). */
  trustProxy: boolean;
  /** Origins allowed besides the server's own, e.g. the desktop app's. */
  extraOrigins?: readonly string[];
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Judges the Origin a request came with. No Origin at all is allowed: browsers
 * always send one on WebSocket handshakes and cross-origin requests, so its
 * absence means a same-origin navigation or a non-browser client, neither of
 * which can be a foreign page using the cookie. `Sec-Fetch-Site` is checked
 * too, for browsers that leave Origin out.
 */
export function judgeOrigin(headers: IncomingHttpHeaders, rule: OriginRule): OriginVerdict {
  const origin = single(headers.origin);
  if (origin === undefined || origin === '') {
    const site = single(headers['sec-fetch-site']);
    if (site === 'cross-site' || site === 'same-site') {
      return { ok: false, reason: `a request from another site (Sec-Fetch-Site: ${site}) may not use a staff session` };
    }
    return { ok: true };
  }
  const lowered = origin.toLowerCase();
  if (lowered === DESKTOP_APP_ORIGIN || (rule.extraOrigins ?? []).some((extra) => extra.toLowerCase() === lowered)) {
    return { ok: true };
  }
  const own = ownHost(headers, rule.trustProxy);
  if (own !== undefined && hostOfOrigin(lowered) === own) return { ok: true };
  return { ok: false, reason: `Origin ${origin} may not use a staff session on this server` };
}

/**
 * This server's `host[:port]` as the browser addressed it: the Host header, or
 * the proxy's X-Forwarded-Host when trusted. Only the host is compared, not the
 * scheme: behind a TLS proxy the page is https while the server hears http.
 */
export function ownHost(headers: IncomingHttpHeaders, trustProxy: boolean): string | undefined {
  const host = (trustProxy ? firstHop(headers['x-forwarded-host']) : undefined) ?? single(headers.host);
  return host ? withoutDefaultPort(host.toLowerCase()) : undefined;
}

/**
 * `host[:port]` of an origin such as `https://chat.library.org`; undefined for
 * anything else. Only the scheme's own default port is dropped: `https://x:80`
 * is not `x`.
 */
function hostOfOrigin(origin: string): string | undefined {
  const match = /^(https?):\/\/([^/]+)$/.exec(origin);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return match[2].replace(match[1] === 'https' ? /:443$/ : /:80$/, '');
}

/** The Host header does not say the scheme: either default port names the bare host. */
function withoutDefaultPort(host: string): string {
  return host.replace(/:(80|443)$/, '');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function firstHop(value: string | string[] | undefined): string | undefined {
  return single(value)?.split(',')[0]?.trim() || undefined;
}
