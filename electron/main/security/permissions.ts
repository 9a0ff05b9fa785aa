import { isAppUrl } from '../app-protocol/app-url';

/**
 * The permissions the console needs, and nothing else: notifications for the
 * OS alert style; for screen sharing, `media` (the microphone), `display-capture`
 * (the picker) and `fullscreen` (watching a shared screen large). Geolocation,
 * the camera outside `media`, MIDI, HID, serial, clipboard reading and the rest
 * are denied, and anything not from the app's own pages is denied.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['notifications', 'media', 'display-capture', 'fullscreen'];

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
