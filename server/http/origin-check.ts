import type { FastifyInstance } from 'fastify';
import { isApiPath } from './cors';
import { sendError } from './http-errors';
import { judgeOrigin } from './request-origin';

/** Methods that change something; a foreign page's GET is harmless because it cannot read the answer (no CORS). */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface OriginCheckOptions {
  /** The server's own origin is told by X-Forwarded-Host (only behind the library's own proxy). */
  trustProxy: boolean;
}

/**
 * Refuses state-changing `/api/*` requests from pages of another origin
 * (CSRF): a foreign page can post `text/plain` without a preflight, and the
 * browser attaches the session cookie (SameSite=Lax does not stop a sibling
 * subdomain or another port of the same host). The rule is the one the
 * `/operator` socket handshake uses (request-origin.ts); the desktop app's
 * origin and the console's own pass.
 */
export function registerOriginCheck(app: FastifyInstance, options: OriginCheckOptions): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!STATE_CHANGING.has(request.method) || !isApiPath(request.url)) return;
    const verdict = judgeOrigin(request.headers, { trustProxy: options.trustProxy });
    if (verdict.ok) return;
    return sendError(reply, 403, 'FORBIDDEN', `${verdict.reason}.`);
  });
}
