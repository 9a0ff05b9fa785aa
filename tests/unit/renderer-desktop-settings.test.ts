import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopSettings } from '../../src/protocol';
import { checkSettingsForm, formFromSettings, type SettingsForm } from '../../renderer/features/settings/settings-form';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, fakeApi, RecordingBridge, until } from './renderer-test-kit';

const current: DesktopSettings = structuredClone(DEFAULT_DESKTOP_SETTINGS);
const form = (changes: Partial<SettingsForm> = {}): SettingsForm => ({ ...formFromSettings(current), ...changes });

describe('the Settings form', () => {
  it('shows the settings as they are, the volume in percent', () => {
    expect(formFromSettings(current)).toEqual({
      serverUrl: 'http://127.0.0.1:8080',
      muted: false,
      chatMessages: true,
      staffMessages: true,
      volumePercent: '80',
      repeatSeconds: '30',
      alertStyle: 'deskbell',
      autoAwayMinutes: '10',
      startAtLogin: false,
      startMinimized: false,
    });
  });

  it('a librarian who silences staff messages keeps the sound for patron messages', () => {
    const form = { ...formFromSettings(current), staffMessages: false };
    expect(checkSettingsForm(form, current, 'browser')).toEqual({
      ok: true,
      patch: { sound: { staffMessages: false } },
    });
  });

  it('saves only what the librarian changed', () => {
    const check = checkSettingsForm(
      form({
        serverUrl: '  https://chat.library.org/ ',
        volumePercent: '35',
        alertStyle: 'system',
        startAtLogin: true,
      }),
      current,
      'desktop',
    );
    expect(check).toEqual({
      ok: true,
      patch: {
        serverUrl: 'https://chat.library.org',
        sound: { volume: 0.35 },
        alertStyle: 'system',
        startAtLogin: true,
      },
    });
  });

  it('nothing changed makes an empty change', () => {
    expect(checkSettingsForm(form(), current, 'desktop')).toEqual({ ok: true, patch: {} });
  });

  it.each([
    ['chat.library.org', 'no scheme'],
    ['ftp://chat.library.org', 'not the web'],
    ['https://', 'no host'],
    ['https://librarian:secret@chat.library.org', 'a password in it'],
    ['https://chat.library.org/?x=1', 'a query'],
  ])('a server URL like %s (%s) is refused with an example of a good one', (serverUrl) => {
    const check = checkSettingsForm(form({ serverUrl }), current, 'desktop');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors.serverUrl).toMatch(/http:\/\/ or https:\/\/.*https:\/\/chat\.library\.org/);
  });

  it('numbers out of range or not whole are refused, each with its own words', () => {
    const check = checkSettingsForm(
      form({ repeatSeconds: '601', autoAwayMinutes: '2.5', volumePercent: '' }),
      current,
      'desktop',
    );
    expect(check).toEqual({
      ok: false,
      errors: {
        volumePercent: 'Choose a volume from 0 to 100.',
        repeatSeconds: 'Enter a whole number of seconds from 0 to 600 (0 chirps only once).',
        autoAwayMinutes: 'Enter a whole number of minutes from 0 to 240 (0 turns auto-away off).',
      },
    });
    expect(checkSettingsForm(form({ autoAwayMinutes: '0', repeatSeconds: '600' }), current, 'desktop')).toEqual({
      ok: true,
      patch: { autoAwayMinutes: 0, sound: { repeatSeconds: 600 } },
    });
  });

  it('in the browser only the sound counts: the desktop fields are neither checked nor sent', () => {
    const check = checkSettingsForm(
      form({ serverUrl: 'not a url', autoAwayMinutes: 'soon', muted: true, startMinimized: true }),
      current,
      'browser',
    );
    expect(check).toEqual({ ok: true, patch: { sound: { muted: true } } });
  });
});

describe('saving settings from the console', () => {
  let server: FakeDeskServer;
  const stores: ConsoleStore[] = [];

  beforeEach(async () => {
    server = await startFakeDeskServer();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) store.dispose();
    await server.close();
  });

  function desktopConsole(bridge = new RecordingBridge(), reloads: string[] = []) {
    const made = consoleFor(server, bridge, { api: fakeApi(), reloadPage: () => reloads.push('reload') });
    stores.push(made.store);
    return made;
  }

  it('opening Settings reads them from the desktop; Save sends the change and shows it saved', async () => {
    const { store, bridge } = desktopConsole();
    store.getState().openSettings();
    await until(() => store.getState().desktopSettings !== null, 'the settings');
    expect(store.getState().settingsOpen).toBe(true);

    expect(await store.getState().saveSettings({ sound: { muted: true } })).toBe(true);
    expect(bridge.settingsPatches).toEqual([{ sound: { muted: true } }]);
    expect(store.getState()).toMatchObject({ settingsNotice: 'Settings saved.', settingsError: null });
    expect(store.getState().desktopSettings?.sound.muted).toBe(true);
  });

  it('a change the desktop refuses is shown with its reason and nothing is marked saved', async () => {
    const bridge = new RecordingBridge();
    bridge.updateSettings = () =>
      Promise.reject(new Error("Error invoking remote method 'settings/update': Error: serverUrl: Invalid URL"));
    const { store } = desktopConsole(bridge);
    expect(await store.getState().saveSettings({ serverUrl: 'http://x' })).toBe(false);
    expect(store.getState()).toMatchObject({
      settingsSaving: false,
      settingsNotice: null,
      settingsError: 'The settings were not saved: serverUrl: Invalid URL',
    });
  });

  it('a new server URL logs out of the old server first and reloads the console for the new one', async () => {
    const reloads: string[] = [];
    const { store, bridge } = desktopConsole(new RecordingBridge(), reloads);
    await store.getState().logIn('alice', 'deskbell-demo');
    await until(() => store.getState().desktopSettings !== null, 'the settings');

    await store.getState().saveSettings({ serverUrl: 'https://chat.library.org' });
    expect(store.getState().phase).toBe('logged-out');
    expect(bridge.storedToken).toBeNull();
    expect(bridge.settings.serverUrl).toBe('https://chat.library.org');
    expect(reloads).toEqual(['reload']);
  });

  it('other changes keep the librarian logged in and the page as it is', async () => {
    const reloads: string[] = [];
    const { store } = desktopConsole(new RecordingBridge(), reloads);
    await store.getState().logIn('alice', 'deskbell-demo');
    await until(() => store.getState().desktopSettings !== null, 'the settings');
    await store.getState().saveSettings({ autoAwayMinutes: 5, serverUrl: DEFAULT_DESKTOP_SETTINGS.serverUrl });
    expect(store.getState().phase).toBe('logged-in');
    expect(reloads).toEqual([]);
  });
});
