import { isAppUrl } from '../app-protocol/app-url';

/** One message as it arrived, before anything is believed. */
export interface IncomingMessage {
  /** The sending webContents' id. */
  senderId: number;
  /** The URL of the frame that sent it; null when the frame is gone or unknown. */
  frameUrl: string | null;
  /** The first argument the page passed, unparsed. */
  payload: unknown;
}

/**
 * Whether a message comes from the app's own pages: its frame is at
 * `deskbell-app://console/...` AND it was sent by one of the app's own
 * windows. Either alone is not enough: a page on another origin inside our
 * window (an iframe, a navigation that slipped through) fails the first; a
 * webContents that is not ours fails the second.
 */
export function isTrustedSender(
  message: IncomingMessage,
  windows: { isAppWindow(senderId: number): boolean },
): boolean {
  return isAppUrl(message.frameUrl) && windows.isAppWindow(message.senderId);
}
