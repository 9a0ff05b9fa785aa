import type { SecureWebPreferences } from '../security/web-preferences';
import type { DisplayInfo, Rectangle } from './geometry';

/** Something a window can veto (Electron's `close` event). */
export interface Preventable {
  preventDefault(): void;
}

export type WindowEvent = 'closed' | 'moved' | 'resized' | 'focus' | 'ready-to-show' | 'maximize' | 'unmaximize';

/** The main window as the window service drives it (electron-window-ports.ts wraps a BrowserWindow). */
export interface NativeWindow {
  /** Its webContents' id: IPC from it is the main window's. */
  readonly webContentsId: number;
  /** The bounds to remember: the normal ones, also while maximized. */
  getNormalBounds(): Rectangle;
  getBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  isFocused(): boolean;
  isDestroyed(): boolean;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  reload(): void;
  flashFrame(on: boolean): void;
  /** Windows' taskbar overlay (a dot on the icon); null takes it away. */
  setOverlayBadge(badge: { description: string } | null): void;
  loadURL(url: string): Promise<void>;
  send(channel: string, payload: unknown): void;
  on(event: 'close', listener: (event: Preventable) => void): void;
  on(event: WindowEvent, listener: () => void): void;
}

export interface MainWindowOptions {
  bounds: Rectangle;
  minWidth: number;
  minHeight: number;
  title: string;
  /** Never shown by creation: the service shows it when it is ready (or keeps it in the tray). */
  show: false;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

/** The native parts the window service needs (electron-window-ports.ts in the app). */
export interface WindowPorts {
  platform: NodeJS.Platform;
  createMainWindow(options: MainWindowOptions): NativeWindow;
  displays(): { all: DisplayInfo[]; primary: DisplayInfo };
  /** app.setLoginItemSettings (macOS and Windows; Linux ignores it). */
  setOpenAtLogin(openAtLogin: boolean): void;
  /** app.setBadgeCount: the macOS dock and Linux launchers. */
  setAppBadgeCount(count: number): void;
  quit(): void;
  /** A one-time hint, e.g. "Deskbell is still running in the tray" (an OS notification). */
  showHint(hint: { title: string; body: string }): void;
  onBeforeQuit(listener: () => void): void;
  /** Someone launched Deskbell again: this instance kept the lock. */
  onSecondInstance(listener: () => void): void;
  /** macOS: the dock icon was clicked with no window showing. */
  onActivate(listener: () => void): void;
}
