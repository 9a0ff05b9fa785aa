/** Adapter: the WindowPorts over BrowserWindow, screen, app and Notification; it applies, never decides. */
import { app, BrowserWindow, nativeImage, Notification, screen, type Display } from 'electron';
import { BADGE_DOT_SIZE, badgeDotBitmap } from './badge-dot';
import type { DisplayInfo } from './geometry';
import type { NativeWindow, Preventable, WindowPorts } from './window-ports';

export function electronWindowPorts(): WindowPorts {
  return {
    platform: process.platform,
    createMainWindow: (options) =>
      wrap(
        new BrowserWindow({
          ...options.bounds,
          minWidth: options.minWidth,
          minHeight: options.minHeight,
          title: options.title,
          show: options.show,
          backgroundColor: options.backgroundColor,
          webPreferences: options.webPreferences,
        }),
      ),
    displays: () => ({
      all: screen.getAllDisplays().map(toDisplayInfo),
      primary: toDisplayInfo(screen.getPrimaryDisplay()),
    }),
    setOpenAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
    setAppBadgeCount: (count) => {
      app.setBadgeCount(count);
    },
    quit: () => app.quit(),
    showHint: ({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body, silent: true }).show();
    },
    onBeforeQuit: (listener) => {
      app.on('before-quit', () => listener());
    },
    onSecondInstance: (listener) => {
      app.on('second-instance', () => listener());
    },
    onActivate: (listener) => {
      app.on('activate', () => listener());
    },
  };
}

function wrap(window: BrowserWindow): NativeWindow {
  const emitter: NodeJS.EventEmitter = window;
  return {
    webContentsId: window.webContents.id,
    getNormalBounds: () => window.getNormalBounds(),
    getBounds: () => window.getBounds(),
    isMaximized: () => window.isMaximized(),
    isMinimized: () => window.isMinimized(),
    isVisible: () => window.isVisible(),
    isFocused: () => window.isFocused(),
    isDestroyed: () => window.isDestroyed(),
    show: () => window.show(),
    hide: () => window.hide(),
    focus: () => window.focus(),
    restore: () => window.restore(),
    maximize: () => window.maximize(),
    reload: () => window.webContents.reload(),
    flashFrame: (on) => window.flashFrame(on),
    setOverlayBadge: (badge) => window.setOverlayIcon(badge ? badgeImage() : null, badge?.description ?? ''),
    loadURL: (url) => window.loadURL(url),
    send: (channel, payload) => window.webContents.send(channel, payload),
    on: (event: string, listener: (event: Preventable) => void) => {
      emitter.on(event, listener);
    },
  };
}

function badgeImage(): Electron.NativeImage {
  return nativeImage.createFromBitmap(Buffer.from(badgeDotBitmap()), { width: BADGE_DOT_SIZE, height: BADGE_DOT_SIZE });
}

function toDisplayInfo(display: Display): DisplayInfo {
  return { id: display.id, bounds: display.bounds, workArea: display.workArea, scaleFactor: display.scaleFactor };
}
