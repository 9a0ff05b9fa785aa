/**
 * Which `getDisplayMedia` calls may reach the picker at all. Only the
 * console's own page, in the console window, shortly after the operator
 * clicked Share Screen there: a page that is not Deskbell's (a navigation
 * that slipped through, an iframe) or a script that calls getDisplayMedia by
 * itself never opens the picker, let alone shares the screen.
 */
import { isAppUrl } from '../app-protocol/app-url';
import type { DisplayMediaRequest } from './ports';

/** How long a Share Screen click lets the console ask for the screen. */
export const GESTURE_WINDOW_MS = 10_000;

/** The operator's last Share Screen click, as main heard it (`screenshare/gesture`). */
export interface ShareGesture {
  senderId: number;
  at: number;
}

export interface RequestFacts {
  /** The console window's webContents id, or null when there is no console window. */
  consoleId: number | null;
  gesture: ShareGesture | null;
  now: number;
}

/** Why this request is refused, or null when it may go on to the picker. */
export function refusalOf(request: DisplayMediaRequest, facts: RequestFacts): string | null {
  if (!request.isMainFrame || !isAppUrl(request.frameUrl) || !isAppUrl(request.securityOrigin)) {
    return 'the page asking is not the console';
  }
  if (request.senderId === null || request.senderId !== facts.consoleId) return 'the window asking is not the console';
  if (!request.videoRequested) return 'no video was asked for';
  const gesture = facts.gesture;
  if (!gesture || gesture.senderId !== request.senderId) return 'Share Screen was not clicked in the console';
  const age = facts.now - gesture.at;
  if (age < 0 || age > GESTURE_WINDOW_MS) return 'the Share Screen click is too old';
  // Electron's own word on transient activation: a timer or a socket event is not a click.
  if (!request.userGesture) return 'no user gesture was active';
  return null;
}
