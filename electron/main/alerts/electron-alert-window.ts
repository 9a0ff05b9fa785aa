/**
 * Adapter: opens each lower-right pop-up as an Electron BrowserWindow with
 * the options alert-window-options.ts decided, shows it without activating
 * it (showInactive), and reports a close it did not ask for. No decisions.
 */
import { BrowserWindow } from 'electron';
import { ALERT_PAGE_URL } from '../app-protocol/app-url';
import { ALERT_WINDOW_LEVEL, alertWindowOptions } from './alert-window-options';
import type { AlertWindowFactory, AlertWindowHandle } from './ports';

export function createElectronAlertWindowFactory(options: {
  preloadPath: string;
  warn: (message: string, error?: unknown) => void;
}): AlertWindowFactory {
  return {
    open({ bounds, onClosed }): AlertWindowHandle {
      const window = new BrowserWindow(alertWindowOptions(bounds, options.preloadPath));
      window.setAlwaysOnTop(true, ALERT_WINDOW_LEVEL);
      // macOS: on every Space and beside full-screen apps, like the system's own notifications.
      window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
      let closedByService = false;
      window.on('closed', () => {
        if (!closedByService) onClosed();
      });
      window.once('ready-to-show', () => window.showInactive());
      window.loadURL(ALERT_PAGE_URL).catch((error: unknown) => options.warn('A pop-up page did not load', error));
      return {
        senderId: window.webContents.id,
        setBounds: (next) => {
          if (!window.isDestroyed()) window.setBounds(next);
        },
        close: () => {
          closedByService = true;
          if (!window.isDestroyed()) window.destroy();
        },
      };
    },
  };
}
