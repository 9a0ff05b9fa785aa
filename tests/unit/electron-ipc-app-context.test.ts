import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings } from '../../src/protocol';
import { createAppContext, resolveAppPaths } from '../../electron/main/app-context';
import { createConsoleLogger } from '../../electron/main/logger';
import { MAIN_PAGE_URL } from '../../electron/main/app-protocol/app-url';
import { systemClock } from '../../electron/main/clock';
import { setUpCredentials } from '../../electron/main/credentials/setup-credentials';
import { setUpIpc } from '../../electron/main/ipc/setup-ipc';
import { setUpSettings } from '../../electron/main/settings/setup-settings';
import { setUpWindows } from '../../electron/main/windows/setup-windows';
import { createDesktopBridge, type IpcRendererLike } from '../../electron/preload/create-bridge';
import { FakeClock } from '../fakes/fake-clock';
import { RecordingLogger } from '../fakes/fake-logger';
import { FakeSafeStorage } from '../fakes/credentials-fake-safe-storage';
import { FakeIpcTransport } from '../fakes/ipc-fake-transport';
import { MemorySettingsStore } from '../fakes/settings-memory-store';
import { FakeWindowPorts, type FakeNativeWindow } from '../fakes/windows-fake-ports';

/**
 * The shell put together as main.ts does, with fakes only at the native edge:
 * the preload's bridge talks through the router to the real services.
 */
function startShell(stored: Record<string, unknown> = {}) {
  const store = new MemorySettingsStore(stored);
  const log = new RecordingLogger();
  const windowPorts = new FakeWindowPorts();
  const transport = new FakeIpcTransport();
  const context = createAppContext({
    store,
    windowPorts,
    clock: new FakeClock(),
    log,
    paths: resolveAppPaths('/opt/deskbell/resources/app.asar'),
  });
  setUpSettings(context);
  setUpCredentials(context, { safeStorage: new FakeSafeStorage(), store });
  setUpIpc(context, transport);
  setUpWindows(context);
  context.windows.start();
  const window = windowPorts.lastWindow;
  transport.appWindows.add(window.webContentsId);
  return { context, store, log, windowPorts, transport, window, renderer: connectRenderer(window, transport) };
}

/** The main window's page: its ipcRenderer is wired to the fake ipcMain, and main's events come back to it. */
function connectRenderer(window: FakeNativeWindow, transport: FakeIpcTransport, frameUrl = MAIN_PAGE_URL) {
  const events = new EventEmitter();
  window.send = (channel, payload) => events.emit(channel, {}, payload);
  const sender = { senderId: window.webContentsId, frameUrl };
  const ipc: IpcRendererLike = {
    invoke: (channel, payload) => transport.invoke(channel, payload, sender),
    send: (channel, payload) => transport.send(channel, payload, sender),
    on: (channel, listener) => events.on(channel, listener),
    removeListener: (channel, listener) => events.removeListener(channel, listener),
  };
  return createDesktopBridge(ipc);
}

describe('the console and the main process, end to end through the bridge', () => {
  it('the console reads the settings, saves a change, and hears it back', async () => {
    const { renderer, store } = startShell();
    await expect(renderer.getSettings()).resolves.toEqual(DEFAULT_DESKTOP_SETTINGS);
    const heard: DesktopSettings[] = [];
    renderer.onSettingsChanged((settings) => heard.push(settings));
    const saved = await renderer.updateSettings({ sound: { muted: true }, autoAwayMinutes: 20 });
    expect(saved.sound.muted).toBe(true);
    expect(heard).toEqual([saved]);
    expect(store.data.get('settings')).toEqual(saved);
  });

  it('a bad change from the console is refused with the field named, and nothing is stored', async () => {
    const { renderer, store } = startShell();
    await expect(renderer.updateSettings({ autoAwayMinutes: -1 })).rejects.toThrow(/autoAwayMinutes/);
    expect(store.writes).toBe(0);
  });

  it('logging in saves the token encrypted; the next start loads it', async () => {
    const first = startShell();
    await expect(first.renderer.saveSessionToken('tok-alice')).resolves.toEqual({
      token: 'tok-alice',
      persisted: true,
    });
    expect(JSON.stringify([...first.store.data])).not.toContain('tok-alice');
    const second = startShell(Object.fromEntries(first.store.data));
    await expect(second.renderer.loadSessionToken()).resolves.toEqual({ token: 'tok-alice', persisted: true });
  });

  it('a page that is not the app, even inside our window, gets nothing', async () => {
    const { window, transport } = startShell();
    const intruder = connectRenderer(window, transport, 'https://evil.example/');
    await expect(intruder.loadSessionToken()).rejects.toThrow(/refused/);
  });

  it('window/show from the console brings the hidden window back', () => {
    const { window, transport } = startShell();
    window.emit('ready-to-show');
    window.userCloses();
    expect(window.visible).toBe(false);
    transport.send('window/show', {}, { senderId: window.webContentsId, frameUrl: MAIN_PAGE_URL });
    expect(window.visible).toBe(true);
  });

  it('the context carries the paths the features need', () => {
    const { context } = startShell();
    const root = '/opt/deskbell/resources/app.asar';
    expect(context.paths).toEqual({
      assets: join(root, 'assets'),
      renderer: join(root, 'dist', 'console'),
      preload: join(root, 'dist', 'electron', 'preload.cjs'),
    });
    expect(context.windows.mainWindowBounds()).not.toBeNull();
  });
});

describe('the console logger', () => {
  it('writes one line per event with its details as JSON, at the right level', () => {
    const lines: string[] = [];
    const sink = {
      log: (line: string) => lines.push(`log ${line}`),
      warn: (line: string) => lines.push(`warn ${line}`),
      error: (line: string) => lines.push(`error ${line}`),
    };
    const log = createConsoleLogger('shell', sink);
    log.info('started');
    log.warn('odd', { a: 1 });
    log.error('failed', new Error('disk gone'));
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    log.info('circular', circular);
    expect(lines).toEqual([
      'log [shell] started',
      'warn [shell] odd {"a":1}',
      'error [shell] failed {"error":"disk gone"}',
      'log [shell] circular [object Object]',
    ]);
  });
});

describe('the system clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs timeouts and intervals and cancels them', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    systemClock.setTimeout(() => fired.push('once'), 100);
    const cancelled = systemClock.setTimeout(() => fired.push('never'), 100);
    cancelled();
    const stop = systemClock.setInterval(() => fired.push('tick'), 40);
    vi.advanceTimersByTime(100);
    stop();
    vi.advanceTimersByTime(200);
    expect(fired).toEqual(['tick', 'tick', 'once']);
    expect(systemClock.now()).toBe(Date.now());
  });
});
