import { screenshareAttachSchema, type ScreenshareAttach } from '../src/protocol/screenshare';

/**
 * The screenshare window's address, shared by the widget that opens it and
 * the window that reads it: `/widget/screenshare.html#session=<id>&key=<key>`.
 * The key rides in the fragment, which is never sent to a server; the window
 * removes it from its address at once.
 */

/** 32 random bytes, url-safe base64 without padding (43 characters): the server's window-key format. */
export function newWindowKey(
  random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = random(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function screenshareWindowUrl(origin: string, sessionId: string, windowKey: string): string {
  const hash = new URLSearchParams({ session: sessionId, key: windowKey });
  return `${origin}/widget/screenshare.html#${hash.toString()}`;
}

/** One window per session: opening it again finds the same window by this name. */
export const screenshareWindowName = (sessionId: string): string => `deskbell-screenshare-${sessionId}`;

export const SCREENSHARE_WINDOW_FEATURES = 'popup,width=1100,height=760';

/** Reads `#session=..&key=..` by the attach request's own schema; null when either is missing or malformed. */
export function readWindowLink(hash: string): ScreenshareAttach | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const parsed = screenshareAttachSchema.safeParse({ sessionId: params.get('session'), windowKey: params.get('key') });
  return parsed.success ? parsed.data : null;
}
