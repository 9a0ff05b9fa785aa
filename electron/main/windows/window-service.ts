import { MAIN_PAGE_URL } from '../app-protocol/app-url';
import type { Cancel, Clock } from '../clock';
import type { Logger } from '../logger';
import { mainWindowWebPreferences } from '../security/web-preferences';
import type { SettingsService } from '../settings/settings-service';
import type { UiStateStore } from '../settings/ui-state';
import type { Rectangle } from './geometry';
import type { NativeWindow, WindowPorts } from './window-ports';
import { MIN_WINDOW_SIZE, placeMainWindow } from './window-placement';

/** The main window as the other features see it. */
export interface WindowService {
  /** Where the main window is (also while hidden in the tray), or null before it exists. */
  mainWindowBounds(): Rectangle | null;
  /** Brings the console up: creates, restores, shows and focuses the main window. */
  showMainWindow(): void;
  /** Flashes the taskbar button until the window is focused (no flash when it already has focus). */
  flashFrame(on: boolean): void;
  /** The waiting-chats badge: dock/launcher count, or the taskbar overlay dot on Windows. */
  setBadgeCount(n: number): void;
  /** Called each time a main window is created; returns the unsubscribe. */
  onMainWindowCreated(listener: (window: { webContentsId: number }) => void): () => void;
}

/** Moving or resizing fires many events; the place is saved once it has settled. */
export const SAVE_PLACE_DELAY_MS = 750;

/** Shown the first time closing the window sends Deskbell to the tray, never again. */
export const CLOSED_TO_TRAY_HINT = {
  title: 'Deskbell is still running',
  body: 'Deskbell keeps watching for patron chats from the tray. To close it, choose Quit in the tray menu.',
} as const;

export interface MainWindowServiceDeps {
  ports: WindowPorts;
  settings: SettingsService;
  uiState: UiStateStore;
  clock: Clock;
  log: Logger;
  /** The built preload (dist/electron/preload.cjs). */
  preloadPath: string;
}

/**
 * The main window's life: it opens where it was, closing it hides it in the
 * tray (the console keeps its connection and keeps alerting), only Quit
 * really quits, a second launch shows it, and it is reloaded when the server
 * changes (the page's CSP names the server).
 */
export class MainWindowService implements WindowService {
  #window: NativeWindow | null = null;
  #ready = false;
  #showWhenReady = false;
  #maximizeOnShow = false;
  #quitting = false;
  #flashing = false;
  #badge = 0;
  #openAtLogin: boolean | null = null;
  #serverUrl: string;
  #cancelSave: Cancel | null = null;
  readonly #createdListeners = new Set<(window: { webContentsId: number }) => void>();

  constructor(private readonly deps: MainWindowServiceDeps) {
    this.#serverUrl = deps.settings.get().serverUrl;
  }

  /** Wires the app's lifecycle to the window and keeps start-at-login in step with the setting. */
  attach(): void {
    const { ports, settings } = this.deps;
    ports.onBeforeQuit(() => this.prepareToQuit());
    ports.onSecondInstance(() => this.showMainWindow());
    ports.onActivate(() => this.showMainWindow());
    this.syncLoginItem(settings.get().startAtLogin);
    // A server given at launch was applied before this: that one is current, not a change.
    this.#serverUrl = settings.get().serverUrl;
    settings.onChange((next) => {
      this.syncLoginItem(next.startAtLogin);
      if (next.serverUrl !== this.#serverUrl) {
        this.#serverUrl = next.serverUrl;
        // The page's CSP and its socket both name the old server: start the console afresh.
        this.#window?.reload();
      }
    });
  }

  /** Opens the main window at start: shown, or left in the tray when "start minimized" is on. */
  start(): void {
    this.ensureWindow(!this.deps.settings.get().startMinimized);
  }

  showMainWindow(): void {
    const window = this.ensureWindow(true);
    if (this.#ready) this.reveal(window);
  }

  /** Quit for real (the tray's Quit): closing no longer hides. */
  quit(): void {
    this.prepareToQuit();
    this.deps.ports.quit();
  }

  isQuitting(): boolean {
    return this.#quitting;
  }

  mainWindowBounds(): Rectangle | null {
    return this.liveWindow()?.getBounds() ?? null;
  }

  /** The main window's webContents id, or null when there is none. */
  mainWebContentsId(): number | null {
    return this.liveWindow()?.webContentsId ?? null;
  }

  /** Delivers an IPC event to the console; nothing happens when there is no window. */
  sendToRenderer(channel: string, payload: unknown): void {
    this.liveWindow()?.send(channel, payload);
  }

  flashFrame(on: boolean): void {
    const window = this.liveWindow();
    if (!window) return;
    // Flashing a window the librarian is looking at only distracts.
    if (on && window.isVisible() && window.isFocused()) return;
    if (on === this.#flashing) return;
    this.#flashing = on;
    window.flashFrame(on);
  }

  setBadgeCount(n: number): void {
    const count = Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
    if (count === this.#badge) return;
    this.#badge = count;
    this.applyBadge();
  }

  onMainWindowCreated(listener: (window: { webContentsId: number }) => void): () => void {
    this.#createdListeners.add(listener);
    return () => {
      this.#createdListeners.delete(listener);
    };
  }

  private ensureWindow(show: boolean): NativeWindow {
    const existing = this.liveWindow();
    if (existing) {
      if (show && !this.#ready) this.#showWhenReady = true;
      return existing;
    }
    const { ports, uiState, log, preloadPath } = this.deps;
    const displays = ports.displays();
    const place = placeMainWindow(uiState.windowState(), displays.all, displays.primary);
    const window = ports.createMainWindow({
      bounds: place.bounds,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      title: 'Deskbell',
      show: false,
      backgroundColor: '#ffffff',
      webPreferences: mainWindowWebPreferences(preloadPath),
    });
    this.#window = window;
    this.#ready = false;
    this.#showWhenReady = show;
    this.#maximizeOnShow = place.maximized;
    this.#flashing = false;
    this.listen(window);
    if (this.#badge > 0) this.applyBadge();
    window.loadURL(MAIN_PAGE_URL).catch((error: unknown) => log.error('The console did not load', error));
    for (const listener of [...this.#createdListeners]) {
      try {
        listener({ webContentsId: window.webContentsId });
      } catch (error) {
        log.error('A main-window listener failed', error);
      }
    }
    return window;
  }

  private listen(window: NativeWindow): void {
    window.on('ready-to-show', () => {
      this.#ready = true;
      if (this.#showWhenReady) this.reveal(window);
    });
    window.on('close', (event) => this.onClose(window, event));
    window.on('closed', () => {
      this.#cancelSave?.();
      this.#cancelSave = null;
      if (this.#window === window) this.#window = null;
    });
    for (const change of ['moved', 'resized', 'maximize', 'unmaximize'] as const) {
      window.on(change, () => this.savePlaceSoon(window));
    }
    window.on('focus', () => this.flashFrame(false));
  }

  private reveal(window: NativeWindow): void {
    this.#showWhenReady = false;
    if (window.isMinimized()) window.restore();
    window.show();
    if (this.#maximizeOnShow) {
      this.#maximizeOnShow = false;
      window.maximize();
    }
    window.focus();
  }

  private onClose(window: NativeWindow, event: { preventDefault(): void }): void {
    this.savePlace(window);
    if (this.#quitting) return;
    event.preventDefault();
    window.hide();
    const { uiState, ports } = this.deps;
    if (!uiState.hintShown('closed-to-tray')) {
      ports.showHint(CLOSED_TO_TRAY_HINT);
      uiState.markHintShown('closed-to-tray');
    }
  }

  private prepareToQuit(): void {
    if (this.#quitting) return;
    this.#quitting = true;
    const window = this.liveWindow();
    if (window) this.savePlace(window);
  }

  private savePlaceSoon(window: NativeWindow): void {
    this.#cancelSave?.();
    this.#cancelSave = this.deps.clock.setTimeout(() => {
      this.#cancelSave = null;
      this.savePlace(window);
    }, SAVE_PLACE_DELAY_MS);
  }

  private savePlace(window: NativeWindow): void {
    this.#cancelSave?.();
    this.#cancelSave = null;
    if (window.isDestroyed()) return;
    this.deps.uiState.saveWindowState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  }

  private syncLoginItem(openAtLogin: boolean): void {
    if (openAtLogin === this.#openAtLogin) return;
    this.#openAtLogin = openAtLogin;
    this.deps.ports.setOpenAtLogin(openAtLogin);
  }

  private applyBadge(): void {
    const count = this.#badge;
    if (this.deps.ports.platform === 'win32') {
      const description = count === 1 ? '1 patron chat waiting' : `${count} patron chats waiting`;
      this.liveWindow()?.setOverlayBadge(count > 0 ? { description } : null);
    } else {
      this.deps.ports.setAppBadgeCount(count);
    }
  }

  private liveWindow(): NativeWindow | null {
    const window = this.#window;
    return window && !window.isDestroyed() ? window : null;
  }
}
