import type { SharingBar } from '../../../src/protocol';
import { FLOATING_WINDOW } from '../alerts/alert-window-options';
import { appUrl } from '../app-protocol/app-url';
import { popupWebPreferences, type SecureWebPreferences } from '../security/web-preferences';
import type { Rectangle } from '../windows/geometry';

/** The BrowserWindow options of the picker and the sharing bar (the adapter passes them on as they are). */
export interface ScreenshareWindowOptions extends Rectangle {
  show: false;
  frame: boolean;
  focusable: boolean;
  alwaysOnTop: boolean;
  skipTaskbar: boolean;
  resizable: boolean;
  movable: boolean;
  minimizable: false;
  maximizable: false;
  fullscreenable: false;
  title: string;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

export const PICKER_PAGE_URL = appUrl('picker.html');

/** The sharing bar's page, its text in the query: the page shows it without asking main anything. */
export function sharingBarUrl(bar: SharingBar): string {
  const query = new URLSearchParams({ source: bar.sourceLabel, watcher: bar.watcherName });
  return `${appUrl('sharing-bar.html')}?${query.toString()}`;
}

/**
 * Above ordinary always-on-top windows, like the alerts: the shared window
 * may be a full-screen one, and the librarian must still see that they share.
 */
export const SHARING_BAR_LEVEL = 'pop-up-menu' as const;

/** Deskbell's own picker: an ordinary small window that takes focus, so arrow keys and Enter work at once. */
export function pickerWindowOptions(bounds: Rectangle, preloadPath: string): ScreenshareWindowOptions {
  return {
    ...bounds,
    show: false,
    frame: true,
    focusable: true,
    alwaysOnTop: false,
    skipTaskbar: false,
    resizable: true,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    title: 'Choose what to share – Deskbell',
    backgroundColor: '#ffffff',
    webPreferences: popupWebPreferences(preloadPath),
  };
}

/**
 * The sharing bar: frameless, always on top, never in the taskbar, and never
 * taking focus from the window being shared (its one button works with a click).
 */
export function sharingBarWindowOptions(bounds: Rectangle, preloadPath: string): ScreenshareWindowOptions {
  return {
    ...bounds,
    ...FLOATING_WINDOW,
    title: 'Deskbell is sharing your screen',
    backgroundColor: '#1f3a5f',
    webPreferences: popupWebPreferences(preloadPath),
  };
}
