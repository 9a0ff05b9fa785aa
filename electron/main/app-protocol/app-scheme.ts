import { APP_SCHEME } from './app-url';

/**
 * How Chromium must treat `deskbell-app:`. It has to be registered before the
 * app is ready (`protocol.registerSchemesAsPrivileged`).
 * - standard: real origins, so relative URLs, `'self'` in the CSP and
 *   localStorage work as on http;
 * - secure: a secure context (Notification, clipboard, media need one);
 * - supportFetchAPI: the console's `fetch()` of its own files works;
 * - stream: the chirp is played by an `<audio>` element, which streams.
 * CORS and service workers are not needed, so they stay off.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;
