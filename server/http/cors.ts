import type { FastifyInstance } from 'fastify';

/**
 * The desktop app's pages run at this origin (electron/main/app-protocol/app-url.ts):
 * they are loaded from inside the app, so every call they make to this server
 * is cross-origin.
 */
export const DESKTOP_APP_ORIGIN = 'deskbell-app://console';

// PATCH and PUT: the Administration page's edits (accounts, departments, desk settings) from the desktop app too.
const ALLOWED_METHODS = 'GET, POST, PATCH, PUT';
/** The desktop app sends its session as `Authorization: Bearer` and its bodies as JSON. */
const ALLOWED_HEADERS = 'Authorization, Content-Type';
/** The login form reads Retry-After when it is throttled. */
const EXPOSED_HEADERS = 'Retry-After';
/** Lets Chromium skip the preflight for ten minutes after one succeeded. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for `/api/*`, for the desktop app's origin only: preflights
 * (`OPTIONS` with `Access-Control-Request-Method`) get 204 with what may be
 * sent, and actual requests (errors included) name the origin so the app can
 * read the answer. No credentials: the desktop app sends a bearer token, never
 * the cookie, so a page elsewhere can never ride on a librarian's session.
 * Any other origin gets no CORS headers, and the browser keeps the answer from it.
 * The console in a browser is same-origin and needs none of this.
 */
export function registerDesktopCors(app: FastifyInstance, allowedOrigins: readonly string[] = [DESKTOP_APP_ORIGIN]) {
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url)) return;
    // The answer depends on who asks: caches must keep one per origin.
    void reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (origin === undefined || !allowedOrigins.includes(origin)) return;
    void reply.header('access-control-allow-origin', origin);
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      return reply
        .code(204)
        .header('access-control-allow-methods', ALLOWED_METHODS)
        .header('access-control-allow-headers', ALLOWED_HEADERS)
        .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS))
        .send();
    }
    void reply.header('access-control-expose-headers', EXPOSED_HEADERS);
  });
}

/** True for `/api/...` (the query string aside). */
export function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path.startsWith('/api/');
}
