/**
 * The desktop app's own pages live at `deskbell-app://console/<path>`,
 * served from the built console inside the app (never from the server).
 * Everything that must tell the app's pages from the rest of the web
 * (IPC sender checks, navigation, permissions) asks `isAppUrl`.
 */

export const APP_SCHEME = 'deskbell-app';
export const APP_HOST = 'console';
/** The origin the app's pages run in; the server answers CORS for it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The address of one of the app's pages, e.g. `appUrl('alert.html')`. */
export function appUrl(page: string): string {
  return `${APP_ORIGIN}/${page.replace(/^\/+/, '')}`;
}

/** The operator console. */
export const MAIN_PAGE_URL = appUrl('index.html');
/** The lower-right pop-up's page. */
export const ALERT_PAGE_URL = appUrl('alert.html');

/**
 * True only for `deskbell-app://console` and addresses under it: the exact
 * scheme and host, no port, no user name or password.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
