/**
 * The Content-Security-Policy of the app's own pages, sent as a response
 * header by the `deskbell-app:` protocol handler. Scripts, styles, images and
 * sounds come only from the app itself; the only other place a page may talk
 * to is the Deskbell server from the settings (HTTP for the API, WebSocket for
 * socket.io). No 'unsafe-eval', no inline scripts, no plug-ins, no frames.
 */
export function contentSecurityPolicy(serverUrl: string): string {
  const connect = ["'self'", ...serverOrigins(serverUrl)].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes through the CSSOM (allowed); libraries that inject <style> need this.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The origins a page may connect to for this server: its http(s) origin and
 * the matching ws(s) one. Nothing when the URL is not http(s).
 */
export function serverOrigins(serverUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
  const socket = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${socket}//${url.host}`];
}
