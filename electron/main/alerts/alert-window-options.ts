import { popupWebPreferences, type SecureWebPreferences } from '../security/web-preferences';
import type { Rectangle } from './placement';

/** The BrowserWindow options of a lower-right pop-up (electron-alert-window.ts passes them on as they are). */
export interface AlertWindowOptions extends Rectangle {
  show: false;
  frame: false;
  /** Never takes keyboard focus from what the librarian is typing in (and skips the taskbar on Windows). */
  focusable: false;
  alwaysOnTop: true;
  skipTaskbar: true;
  resizable: false;
  movable: false;
  minimizable: false;
  maximizable: false;
  fullscreenable: false;
  hasShadow: true;
  title: string;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

/**
 * Above ordinary always-on-top windows but below the screen saver and the
 * lock screen: a chat alert must be seen, but must not cover the OS's own UI.
 */
export const ALERT_WINDOW_LEVEL = 'pop-up-menu' as const;

/**
 * A small window that floats above the others and never takes focus: the
 * pop-ups, and screen sharing's bar. Hidden until placed.
 */
export const FLOATING_WINDOW = {
  show: false,
  frame: false,
  focusable: false,
  alwaysOnTop: true,
  skipTaskbar: true,
  resizable: false,
  movable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
} as const;

export function alertWindowOptions(bounds: Rectangle, preloadPath: string): AlertWindowOptions {
  return {
    ...bounds,
    ...FLOATING_WINDOW,
    hasShadow: true,
    title: 'New patron chat',
    backgroundColor: '#ffffff',
    webPreferences: popupWebPreferences(preloadPath),
  };
}
