import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The patron's IP address for the patron info tab. Behind a reverse proxy the
 * connection comes from the proxy, so the first X-Forwarded-For hop is used, but
 * only when the library said it runs one (`--trust-proxy`): otherwise anyone
 * could write any address into that header.
 */
export function patronAddress(
  handshake: { address: string; headers: IncomingHttpHeaders },
  trustProxy: boolean,
): string | null {
  if (trustProxy) {
    const header = handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (first && isIP(stripMapped(first))) return stripMapped(first);
  }
  const address = stripMapped(handshake.address ?? '');
  return address === '' ? null : address;
}

/** "::ffff:203.0.113.7" is an IPv4 address seen through an IPv6 socket; show it as people write it. */
function stripMapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
