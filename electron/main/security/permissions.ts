import { isAppUrl } from '../app-protocol/app-url';

/**
 * The permissions the console needs, and nothing else: notifications for the
 * OS alert style, and media for screen sharing (later). Geolocation, camera
 * outside screen sharing's `media`, MIDI, HID, serial, clipboard reading and
 * the rest are denied, and anything not from the app's own pages is denied.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['notifications', 'media', 'display-capture'];

export interface PermissionQuestion {
  /** Electron's permission name ('notifications', 'media', 'geolocation', ...). */
  permission: string;
  /** The URL (or origin) of the page that asks. */
  requestingUrl: string;
}

/** Whether to grant a permission request or check. */
export function mayGrantPermission(question: PermissionQuestion): boolean {
  return GRANTED_PERMISSIONS.includes(question.permission) && isAppUrl(question.requestingUrl);
}
