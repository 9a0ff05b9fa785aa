import fastifyCookie from '@fastify/cookie';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { SESSION_COOKIE } from '../../src/protocol/http';
import { hashToken } from './tokens';

const tokenSchema = z.string().min(16).max(256);

/**
 * The session token a request carries: a bearer token (`Authorization: Bearer`,
 * or socket.io's `auth: { token }`) from the desktop client, or the browser
 * console's httpOnly cookie. Anything malformed counts as no token.
 */
export function tokenFromRequest(headers: IncomingHttpHeaders, socketAuth?: unknown): string | undefined {
  const fromAuth = z.object({ token: tokenSchema }).safeParse(socketAuth);
  if (fromAuth.success) return fromAuth.data.token;
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return tokenSchema.safeParse(bearer).data;
  if (headers.cookie) {
    const cookie = fastifyCookie.parse(headers.cookie)[SESSION_COOKIE];
    return tokenSchema.safeParse(cookie).data;
  }
  return undefined;
}

/** A short, non-secret name for a session (a prefix of its token's hash), used to name its sockets' room. */
export function sessionKey(token: string): string {
  return hashToken(token).slice(0, 24);
}
