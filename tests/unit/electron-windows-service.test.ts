import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS } from '../../src/protocol';
import { MAIN_PAGE_URL } from '../../electron/main/app-protocol/app-url';
import { StoredSettingsService } from '../../electron/main/settings/settings-service';
import { UiStateStore, WINDOW_STATE_KEY } from '../../electron/main/settings/ui-state';
import { claimSingleInstance } from '../../electron/main/windows/single-instance';
import {
  CLOSED_TO_TRAY_HINT,
  MainWindowService,
  SAVE_PLACE_DELAY_MS,
} from '../../electron/main/windows/window-service';
import { FakeClock } from '../fakes/fake-clock';
import { RecordingLogger } from '../fakes/fake-logger';
import { MemorySettingsStore } from '../fakes/settings-memory-store';
import { display, FakeWindowPorts } from '../fakes/windows-fake-ports';

function setUp(stored: Record<string, unknown> = {}, launchServerUrl?: string) {
  const store = new MemorySettingsStore(stored);
  const log = new RecordingLogger();
  const settings = new StoredSettingsService(store, log);
  const ports = new FakeWindowPorts();
  const clock = new FakeClock();
  const windows = new MainWindowService({
    ports,
    settings,
    uiState: new UiStateStore(store, log),
    clock,
    log,
    preloadPath: '/app/dist/electron/preload.cjs',
  });
  if (launchServerUrl) settings.update({ serverUrl: launchServerUrl });
  windows.attach();
  return { store, log, settings, ports, clock, windows };
}

describe('opening the console', () => {
  it('the main window loads the console from inside the app, hidden until it is ready, then shows', () => {
    const { ports, windows } = setUp();
    windows.start();
    const window = ports.lastWindow;
    expect(window.loadedUrl).toBe(MAIN_PAGE_URL);
    expect(window.options.show).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
  });

  it("the main window gets the security checklist's webPreferences with the preload and no background throttling", () => {
    const { ports, windows } = setUp();
    windows.start();
    const prefs = ports.lastWindow.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      backgroundThrottling: false,
    });
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('with "start minimized" the console loads but stays in the tray until asked for', () => {
    const { ports, windows } = setUp({ settings: { ...DEFAULT_DESKTOP_SETTINGS, startMinimized: true } });
    windows.start();
    const window = ports.lastWindow;
    window.emit('ready-to-show');
    expect(window.loadedUrl).toBe(MAIN_PAGE_URL);
    expect(window.visible).toBe(false);
    windows.showMainWindow();
    expect(window.visible).toBe(true);
    expect(ports.windows).toHaveLength(1);
  });

  it('asking to show the window before it is ready shows it as soon as it is', () => {
    const { ports, windows } = setUp({ settings: { ...DEFAULT_DESKTOP_SETTINGS, startMinimized: true } });
    windows.start();
    windows.showMainWindow();
    expect(ports.lastWindow.visible).toBe(false);
    ports.lastWindow.emit('ready-to-show');
    expect(ports.lastWindow.visible).toBe(true);
  });

  it('a second launch of Deskbell focuses the running window instead of opening another', () => {
    const { ports, windows } = setUp();
    windows.start();
    const window = ports.lastWindow;
    window.emit('ready-to-show');
    window.userCloses();
    window.minimized = true;
    ports.fireSecondInstance();
    expect(ports.windows).toHaveLength(1);
    expect(window.calls.slice(-3)).toEqual(['restore', 'show', 'focus']);
    expect(window.visible).toBe(true);
  });

  it('clicking the dock icon (macOS) shows the window', () => {
    const { ports, windows } = setUp();
    windows.start();
    ports.lastWindow.emit('ready-to-show');
    ports.lastWindow.hide();
    ports.fireActivate();
    expect(ports.lastWindow.visible).toBe(true);
  });

  it('the first launch takes the single-instance lock; a second launch quits at once', () => {
    const first = {
      quits: 0,
      requestSingleInstanceLock: () => true,
      quit() {
        this.quits += 1;
      },
    };
    const second = {
      quits: 0,
      requestSingleInstanceLock: () => false,
      quit() {
        this.quits += 1;
      },
    };
    expect(claimSingleInstance(first)).toBe(true);
    expect(first.quits).toBe(0);
    expect(claimSingleInstance(second)).toBe(false);
    expect(second.quits).toBe(1);
  });

  it('features hear when the main window is created, and can stop listening', () => {
    const { ports, windows } = setUp();
    const heard: number[] = [];
    const stop = windows.onMainWindowCreated(({ webContentsId }) => heard.push(webContentsId));
    windows.start();
    expect(heard).toEqual([ports.lastWindow.webContentsId]);
    stop();
    ports.lastWindow.destroyed = true;
    windows.showMainWindow();
    expect(heard).toHaveLength(1);
  });

  it('a listener that throws is logged and does not stop the window from opening', () => {
    const { ports, windows, log } = setUp();
    windows.onMainWindowCreated(() => {
      throw new Error('boom');
    });
    windows.start();
    expect(ports.windows).toHaveLength(1);
    expect(log.messages('error')).toContain('A main-window listener failed');
  });

  it('a console that fails to load is logged', async () => {
    const { ports, windows, log } = setUp();
    const original = ports.createMainWindow.bind(ports);
    ports.createMainWindow = (options) => {
      const window = original(options);
      window.loadURL = () => Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
      return window;
    };
    windows.start();
    await Promise.resolve();
    await Promise.resolve();
    expect(log.messages('error')).toContain('The console did not load');
  });
});

describe('closing and quitting', () => {
  it('closing the window hides it to the tray and keeps the console running', () => {
    const { ports, windows } = setUp();
    windows.start();
    const window = ports.lastWindow;
    window.emit('ready-to-show');
    expect(window.userCloses()).toBe(false);
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
  });

  it('the first close shows a hint that Deskbell is still in the tray, and never again', () => {
    const { ports, windows, store } = setUp();
    windows.start();
    ports.lastWindow.emit('ready-to-show');
    ports.lastWindow.userCloses();
    windows.showMainWindow();
    ports.lastWindow.userCloses();
    expect(ports.hints).toEqual([CLOSED_TO_TRAY_HINT]);

    // The next run remembers that the hint was shown.
    const again = setUp(Object.fromEntries(store.data));
    again.windows.start();
    again.ports.lastWindow.emit('ready-to-show');
    again.ports.lastWindow.userCloses();
    expect(again.ports.hints).toEqual([]);
  });

  it('Quit from the tray really quits: the window closes instead of hiding', () => {
    const { ports, windows } = setUp();
    windows.start();
    const window = ports.lastWindow;
    window.emit('ready-to-show');
    windows.quit();
    expect(ports.quits).toBe(1);
    expect(windows.isQuitting()).toBe(true);
    expect(window.destroyed).toBe(true);
    expect(windows.mainWindowBounds()).toBeNull();
  });

  it('app.quit() from anywhere (the tray adapter, Cmd+Q) is heard through before-quit', () => {
    const { ports, windows } = setUp();
    windows.start();
    ports.fireBeforeQuit();
    expect(ports.lastWindow.userCloses()).toBe(true);
  });
});

describe('remembering where the window was', () => {
  it('moving the window saves its place once it has settled', () => {
    const { ports, windows, store, clock } = setUp();
    windows.start();
    const window = ports.lastWindow;
    window.moveTo({ x: 10, y: 20, width: 900, height: 700 });
    window.moveTo({ x: 30, y: 40, width: 900, height: 700 });
    expect(store.data.get(WINDOW_STATE_KEY)).toBeUndefined();
    clock.advance(SAVE_PLACE_DELAY_MS);
    expect(store.data.get(WINDOW_STATE_KEY)).toEqual({
      bounds: { x: 30, y: 40, width: 900, height: 700 },
      maximized: false,
    });
    expect(store.writes).toBe(1);
  });

  it('the next run opens the window where it was, maximized if it was', () => {
    const { ports, windows, store } = setUp();
    windows.start();
    const window = ports.lastWindow;
    window.emit('ready-to-show');
    window.moveTo({ x: 100, y: 50, width: 1000, height: 700 });
    window.maximized = true;
    windows.quit();

    const again = setUp(Object.fromEntries(store.data));
    again.windows.start();
    const reopened = again.ports.lastWindow;
    expect(reopened.options.bounds).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
    expect(reopened.maximized).toBe(false);
    reopened.emit('ready-to-show');
    expect(reopened.maximized).toBe(true);
  });

  it('a place on a monitor that is gone is brought back onto the screen that remains', () => {
    const saved = { [WINDOW_STATE_KEY]: { bounds: { x: 2500, y: 200, width: 1000, height: 700 }, maximized: false } };
    const { ports, windows } = setUp(saved);
    ports.screens = [display(1, { x: 0, y: 0, width: 1920, height: 1080 })];
    windows.start();
    expect(ports.lastWindow.options.bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
  });

  it('a stored place that makes no sense is ignored and the window opens at the default', () => {
    const { ports, windows } = setUp({ [WINDOW_STATE_KEY]: { bounds: { x: 'left' }, maximized: 'yes' } });
    windows.start();
    expect(ports.lastWindow.options.bounds.width).toBe(1180);
  });

  it('hiding to the tray saves the place at once', () => {
    const { ports, windows, store } = setUp();
    windows.start();
    ports.lastWindow.normalBounds = { x: 5, y: 6, width: 800, height: 600 };
    ports.lastWindow.userCloses();
    expect(store.data.get(WINDOW_STATE_KEY)).toMatchObject({ bounds: { x: 5, y: 6, width: 800, height: 600 } });
  });
});

describe('start at login', () => {
  it('is applied at start and again whenever the setting changes, only when it changes', () => {
    const { ports, settings } = setUp();
    expect(ports.loginItem).toEqual([false]);
    settings.update({ startAtLogin: true });
    settings.update({ sound: { volume: 0.3 } });
    settings.update({ startAtLogin: false });
    expect(ports.loginItem).toEqual([false, true, false]);
  });
});

describe('a new server in the settings', () => {
  it('reloads the console so its CSP and connection name the new server', () => {
    const { ports, windows, settings } = setUp();
    windows.start();
    settings.update({ sound: { muted: true } });
    expect(ports.lastWindow.reloads).toBe(0);
    settings.update({ serverUrl: 'https://desk.library.example' });
    expect(ports.lastWindow.reloads).toBe(1);
  });

  it('a server given at launch is the current one, not a change that reloads later', () => {
    const { ports, windows, settings } = setUp({}, 'http://127.0.0.1:9999');
    windows.start();
    settings.update({ sound: { volume: 0.1 } });
    expect(ports.lastWindow.reloads).toBe(0);
  });
});

describe('calling attention: flashing and the badge', () => {
  it('a new chat flashes the taskbar while the window is hidden, and focusing it stops the flash', () => {
    const { ports, windows } = setUp();
    windows.start();
    const window = ports.lastWindow;
    windows.flashFrame(true);
    expect(window.flashing).toBe(true);
    window.focus();
    expect(window.flashing).toBe(false);
  });

  it('a window the librarian is looking at is not flashed', () => {
    const { ports, windows } = setUp();
    windows.start();
    const window = ports.lastWindow;
    window.emit('ready-to-show');
    windows.flashFrame(true);
    expect(window.calls.filter((call) => call.startsWith('flash'))).toEqual([]);
  });

  it('flashing without a window does nothing', () => {
    const { windows } = setUp();
    expect(() => windows.flashFrame(true)).not.toThrow();
  });

  it('the waiting count goes to the dock/launcher badge on macOS and Linux, only when it changes', () => {
    const { ports, windows } = setUp();
    windows.setBadgeCount(2);
    windows.setBadgeCount(2);
    windows.setBadgeCount(-4);
    windows.setBadgeCount(Number.NaN);
    windows.setBadgeCount(3.7);
    expect(ports.badgeCounts).toEqual([2, 0, 3]);
  });

  it('on Windows the waiting count becomes the taskbar overlay dot, cleared at zero', () => {
    const { ports, windows } = setUp();
    ports.platform = 'win32';
    windows.setBadgeCount(1);
    windows.start();
    const window = ports.lastWindow;
    expect(window.overlay).toEqual({ description: '1 patron chat waiting' });
    windows.setBadgeCount(4);
    expect(window.overlay).toEqual({ description: '4 patron chats waiting' });
    windows.setBadgeCount(0);
    expect(window.overlay).toBeNull();
    expect(ports.badgeCounts).toEqual([]);
  });
});

describe('what other features ask of the window', () => {
  it('the bounds are known once the window exists (pop-ups use them to pick the display)', () => {
    const { ports, windows } = setUp();
    expect(windows.mainWindowBounds()).toBeNull();
    windows.start();
    expect(windows.mainWindowBounds()).toEqual(ports.lastWindow.bounds);
    expect(windows.mainWebContentsId()).toBe(ports.lastWindow.webContentsId);
  });

  it('events for the console go to the main window, and nowhere when it is gone', () => {
    const { ports, windows } = setUp();
    windows.sendToRenderer('sound/play', { sound: 'chirp', volume: 1 });
    windows.start();
    windows.sendToRenderer('sound/play', { sound: 'chirp', volume: 1 });
    expect(ports.lastWindow.sent).toEqual([{ channel: 'sound/play', payload: { sound: 'chirp', volume: 1 } }]);
  });
});
