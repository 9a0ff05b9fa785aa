import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings } from '../../src/protocol';
import type { AppContext } from '../../electron/main/app-context';
import { ChannelRouter } from '../../electron/main/ipc/ipc-router';
import { readLaunchOptions } from '../../electron/main/settings/launch-options';
import { readSettings } from '../../electron/main/settings/read-settings';
import { setUpSettings } from '../../electron/main/settings/setup-settings';
import { SETTINGS_KEY, StoredSettingsService } from '../../electron/main/settings/settings-service';
import { confSettingsStore, STORE_OPTIONS } from '../../electron/main/settings/settings-store';
import { HINTS_KEY, UiStateStore, WINDOW_STATE_KEY } from '../../electron/main/settings/ui-state';
import { RecordingLogger } from '../fakes/fake-logger';
import { MemorySettingsStore } from '../fakes/settings-memory-store';

function service(stored?: unknown) {
  const store = new MemorySettingsStore(stored === undefined ? {} : { [SETTINGS_KEY]: stored });
  const log = new RecordingLogger();
  return { store, log, settings: new StoredSettingsService(store, log) };
}

describe('reading stored settings', () => {
  it('a first run, with nothing stored, gets the defaults and no complaints', () => {
    expect(readSettings(undefined)).toEqual({ settings: DEFAULT_DESKTOP_SETTINGS, problems: [] });
  });

  it('a hand-edited file keeps every good field and falls back field by field for the bad ones', () => {
    const { settings, problems } = readSettings({
      serverUrl: 'https://desk.library.example',
      sound: { muted: 'nope', volume: 0.25, repeatSeconds: 9999 },
      alertStyle: 'fireworks',
      autoAwayMinutes: 5,
      startAtLogin: true,
      colour: 'green',
    });
    expect(settings).toEqual<DesktopSettings>({
      serverUrl: 'https://desk.library.example',
      // The message sounds are on unless turned off, also for a file from before they existed.
      sound: { muted: false, volume: 0.25, repeatSeconds: 30, chatMessages: true, staffMessages: true },
      alertStyle: 'deskbell',
      autoAwayMinutes: 5,
      startAtLogin: true,
      startMinimized: false,
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual([
      'alertStyle',
      'sound.muted',
      'sound.repeatSeconds',
      'colour',
    ]);
  });

  it('a file that is not an object at all gives the defaults', () => {
    expect(readSettings('[[garbage').settings).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(readSettings([1, 2]).problems).toHaveLength(1);
    expect(readSettings({ sound: 'loud' }).settings.sound).toEqual(DEFAULT_DESKTOP_SETTINGS.sound);
  });

  it('a server URL that is not http(s) is refused on read', () => {
    expect(readSettings({ serverUrl: 'file:///etc/passwd' }).settings.serverUrl).toBe(
      DEFAULT_DESKTOP_SETTINGS.serverUrl,
    );
  });

  it('the service logs what it had to repair and never crashes', () => {
    const { settings, log } = service({ autoAwayMinutes: -3 });
    expect(settings.get().autoAwayMinutes).toBe(DEFAULT_DESKTOP_SETTINGS.autoAwayMinutes);
    expect(log.entries.find((entry) => entry.level === 'warn')?.details).toEqual({
      problems: [expect.stringMatching(/^autoAwayMinutes:/)],
    });
  });

  it('a store that cannot be read gives the defaults and an error in the log', () => {
    const store = new MemorySettingsStore();
    store.failReads = true;
    const log = new RecordingLogger();
    expect(new StoredSettingsService(store, log).get()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(log.messages('error')).toHaveLength(1);
  });
});

describe('changing settings', () => {
  it('Save stores the change, merges nested sound settings and tells every listener', () => {
    const { settings, store } = service();
    const heard: DesktopSettings[] = [];
    settings.onChange((next) => heard.push(next));
    const next = settings.update({ sound: { volume: 0.4 }, autoAwayMinutes: 15 });
    expect(next.sound).toEqual({ ...DEFAULT_DESKTOP_SETTINGS.sound, volume: 0.4 });
    expect(next.autoAwayMinutes).toBe(15);
    expect(store.data.get(SETTINGS_KEY)).toEqual(next);
    expect(heard).toEqual([next]);
  });

  it('a bad change is refused with an error naming the field, and nothing changes', () => {
    const { settings, store } = service();
    expect(() => settings.update({ sound: { volume: 3 } })).toThrow(/sound\.volume/);
    expect(() => settings.update({ serverUrl: 'javascript:alert(1)' })).toThrow(/serverUrl/);
    expect(() => settings.update({ theme: 'dark' } as never)).toThrow(/settings/);
    expect(settings.get()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(store.writes).toBe(0);
  });

  it('a change that changes nothing is not written and not announced', () => {
    const { settings, store } = service();
    let heard = 0;
    settings.onChange(() => (heard += 1));
    settings.update({ alertStyle: 'deskbell', sound: { muted: false } });
    expect(store.writes).toBe(0);
    expect(heard).toBe(0);
  });

  it('when the disk refuses, the change is not applied and the caller hears why', () => {
    const { settings, store } = service();
    store.failWrites = true;
    expect(() => settings.update({ startMinimized: true })).toThrow(/ENOSPC/);
    expect(settings.get().startMinimized).toBe(false);
  });

  it('what get() returns cannot be changed behind the service', () => {
    const { settings } = service();
    expect(Object.isFrozen(settings.get())).toBe(true);
    expect(Object.isFrozen(settings.get().sound)).toBe(true);
  });

  it('a listener that throws is logged; the others still hear; unsubscribed ones do not', () => {
    const { settings, log } = service();
    const heard: string[] = [];
    settings.onChange(() => {
      throw new Error('listener broke');
    });
    const stop = settings.onChange(() => heard.push('stopped'));
    settings.onChange(() => heard.push('kept'));
    stop();
    settings.update({ startAtLogin: true });
    expect(heard).toEqual(['kept']);
    expect(log.messages('error')).toEqual(['A settings listener failed']);
  });
});

describe('the window place and one-time hints', () => {
  it('are remembered under their own keys and read back', () => {
    const store = new MemorySettingsStore();
    const ui = new UiStateStore(store, new RecordingLogger());
    expect(ui.windowState()).toBeNull();
    expect(ui.hintShown('closed-to-tray')).toBe(false);
    ui.saveWindowState({ bounds: { x: 1.4, y: -20, width: 800.6, height: 600 }, maximized: true });
    ui.markHintShown('closed-to-tray');
    expect(ui.windowState()).toEqual({ bounds: { x: 1, y: -20, width: 801, height: 600 }, maximized: true });
    expect(ui.hintShown('closed-to-tray')).toBe(true);
    expect(store.data.get(HINTS_KEY)).toEqual({ 'closed-to-tray': true });
  });

  it('a window place that makes no sense is not remembered', () => {
    const store = new MemorySettingsStore();
    const log = new RecordingLogger();
    new UiStateStore(store, log).saveWindowState({ bounds: { x: 0, y: 0, width: 0, height: 600 }, maximized: false });
    expect(store.data.has(WINDOW_STATE_KEY)).toBe(false);
    expect(log.messages('warn')).toHaveLength(1);
  });

  it('a store that fails is logged, and the app carries on as if nothing was remembered', () => {
    const store = new MemorySettingsStore({ [HINTS_KEY]: 'not an object' });
    const log = new RecordingLogger();
    const ui = new UiStateStore(store, log);
    expect(ui.hintShown('closed-to-tray')).toBe(false);
    store.failWrites = true;
    ui.markHintShown('closed-to-tray');
    store.failReads = true;
    expect(ui.windowState()).toBeNull();
    expect(log.messages('error')).toEqual(['Could not save hints', 'Could not read windowState']);
  });
});

describe('settings in a real file (conf, the library under electron-store)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function confAt(dir: string) {
    // electron-store calls conf's `configName` `name`; the file and its handling are the same.
    return new Conf<Record<string, unknown>>({
      configName: STORE_OPTIONS.name,
      clearInvalidConfig: STORE_OPTIONS.clearInvalidConfig,
      cwd: dir,
      projectName: 'deskbell-test',
    });
  }

  it('a change survives a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbell-settings-'));
    dirs.push(dir);
    const log = new RecordingLogger();
    new StoredSettingsService(confSettingsStore(confAt(dir)), log).update({ serverUrl: 'https://chat.example.org' });
    const reread = new StoredSettingsService(confSettingsStore(confAt(dir)), log);
    expect(reread.get().serverUrl).toBe('https://chat.example.org');
    const file = JSON.parse(readFileSync(join(dir, `${STORE_OPTIONS.name}.json`), 'utf8')) as Record<string, unknown>;
    expect(file[SETTINGS_KEY]).toMatchObject({ serverUrl: 'https://chat.example.org' });
  });

  it('a hand-edited file with one bad value keeps the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbell-settings-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, `${STORE_OPTIONS.name}.json`),
      JSON.stringify({ settings: { serverUrl: 'https://kept.example', sound: { volume: 'max' } } }),
    );
    const settings = new StoredSettingsService(confSettingsStore(confAt(dir)), new RecordingLogger()).get();
    expect(settings.serverUrl).toBe('https://kept.example');
    expect(settings.sound.volume).toBe(DEFAULT_DESKTOP_SETTINGS.sound.volume);
  });

  it('a file that is not JSON at all is cleared rather than stopping the app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskbell-settings-'));
    dirs.push(dir);
    writeFileSync(join(dir, `${STORE_OPTIONS.name}.json`), '{ "settings": { oops');
    const settings = new StoredSettingsService(confSettingsStore(confAt(dir)), new RecordingLogger());
    expect(settings.get()).toEqual(DEFAULT_DESKTOP_SETTINGS);
    const store = confSettingsStore(confAt(dir));
    store.write('sessionToken', 'abc');
    store.remove('sessionToken');
    expect(store.read('sessionToken')).toBeUndefined();
  });
});

describe('launch options (npm start and the Electron smoke suite pass them)', () => {
  it('--server-url and --user-data-dir are read from the command line, which wins over the environment', () => {
    expect(
      readLaunchOptions(['electron', '.', '--server-url=http://127.0.0.1:50123', '--user-data-dir=/tmp/u'], {
        DESKBELL_SERVER_URL: 'http://ignored.example',
        DESKBELL_USER_DATA_DIR: '/tmp/ignored',
      }),
    ).toEqual({ serverUrl: 'http://127.0.0.1:50123', userDataDir: '/tmp/u', ignored: [] });
  });

  it('the environment is used when the command line says nothing', () => {
    expect(
      readLaunchOptions(['electron', '.'], {
        DESKBELL_SERVER_URL: 'https://desk.example',
        DESKBELL_USER_DATA_DIR: '/d',
      }),
    ).toEqual({
      serverUrl: 'https://desk.example',
      userDataDir: '/d',
      ignored: [],
    });
    expect(readLaunchOptions(['electron', '.', '--server-url='], {})).toEqual({ ignored: [] });
  });

  it('a server that is not an http(s) address is ignored, and the reason logged at setup', () => {
    const launch = readLaunchOptions(['--server-url=file:///etc/passwd'], {});
    expect(launch.serverUrl).toBeUndefined();
    expect(launch.ignored).toEqual(['server URL "file:///etc/passwd": not an http(s) address']);
    const { settings, log } = service();
    const router = new ChannelRouter({ log, deliver: () => undefined });
    setUpSettings({ settings, log, ipc: router } as unknown as AppContext, launch);
    expect(settings.get().serverUrl).toBe(DEFAULT_DESKTOP_SETTINGS.serverUrl);
    expect(log.messages('warn')).toEqual([
      'Launch option ignored: server URL "file:///etc/passwd": not an http(s) address',
    ]);
  });

  it('a server given at launch becomes the server setting, as if typed in Settings', () => {
    const { settings, log, store } = service();
    const router = new ChannelRouter({ log, deliver: () => undefined });
    setUpSettings(
      { settings, log, ipc: router } as unknown as AppContext,
      readLaunchOptions(['--server-url=http://127.0.0.1:50123'], {}),
    );
    expect(settings.get().serverUrl).toBe('http://127.0.0.1:50123');
    expect(store.data.get(SETTINGS_KEY)).toMatchObject({ serverUrl: 'http://127.0.0.1:50123' });
  });
});
