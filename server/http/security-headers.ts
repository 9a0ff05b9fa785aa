import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Who may frame the widget's chat panel: any site, or the listed origins (the library's own site). */
export type WidgetOrigins = '*' | readonly string[];

type RouteHelmet = Omit<FastifyHelmetOptions, 'global'>;

/**
 * The operator console's policy, the same as the desktop app's pages
 * (electron/main/security/content-security-policy.ts) but for one origin, and
 * it may frame its own server's widget (the preview in Desk settings): its
 * scripts, styles, the chirp and its socket all come from the server itself.
 * Helmet's defaults are not merged in: their `upgrade-insecure-requests` would
 * break a console served over plain http on the library's own network.
 */
const CONSOLE_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // React sets style attributes through the CSSOM (allowed); libraries that inject <style> need this.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'media-src': ["'self'"],
  // 'self' covers ws: and wss: to the same host (CSP Level 3).
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  // The server's own pages only: the Administration page previews the widget's chat panel (Desk settings).
  'frame-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * Every answer (the console, the API, errors): helmet's headers with the
 * console's CSP, X-Frame-Options DENY, no Referer. No Strict-Transport-Security:
 * TLS, when there is any, ends at the library's proxy, which decides on HSTS.
 */
const EVERY_ANSWER: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_DIRECTIVES },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
};

/** Registers helmet for every route; routes that differ pass one of the options below as their `helmet`. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, EVERY_ANSWER);
}

/**
 * The widget (`/widget/*`): the loader script is included by the library's
 * pages and the chat panel is framed by them, so both must be loadable from
 * another origin (Cross-Origin-Resource-Policy) and the panel may be framed by
 * the configured sites and by the server's own demo page. No X-Frame-Options:
 * it cannot name a list of sites, and frame-ancestors replaces it.
 */
export function widgetHeaders(widgetOrigins: WidgetOrigins): RouteHelmet {
  const ancestors = widgetOrigins === '*' ? ['*'] : [...widgetOrigins];
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONSOLE_DIRECTIVES, 'frame-ancestors': ["'self'", ...ancestors] },
    },
    frameguard: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  };
}

/**
 * The patron's screenshare window (`/widget/screenshare.html`): a top-level
 * window the widget's panel opens, never framed (frame-ancestors 'none', X-Frame-Options
 * DENY), with the console's CSP (its socket, microphone and the browser's
 * screen picker need nothing more). Cross-Origin-Opener-Policy is unsafe-none
 * here only: the panel that opens it sits in the library's page, another
 * origin, and helmet's same-origin would cut the window off from that panel,
 * so "Open the screenshare window" would open a second window (breaking the
 * call) instead of bringing back the one that is open.
 */
export const SCREENSHARE_WINDOW_HEADERS: RouteHelmet = {
  contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_DIRECTIVES },
  frameguard: { action: 'deny' },
  crossOriginOpenerPolicy: { policy: 'unsafe-none' },
};

/**
 * The demo library page at `/`: a stand-in for the library's own site, with
 * its inline styles and handlers, that frames the widget's chat panel from
 * this server.
 */
export const DEMO_PAGE_HEADERS: RouteHelmet = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      ...CONSOLE_DIRECTIVES,
      'script-src': ["'self'", "'unsafe-inline'"],
      'frame-src': ["'self'"],
    },
  },
  // Like a library's own page (which sets no COOP): the panel's screenshare window stays reachable from the panel.
  crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
};
