import type { BrowserContext, Page } from '@playwright/test';
import type { DesktopSettings, DesktopSettingsPatch } from '../../src/protocol';
import { expect, test } from './support/fixtures';
import { scanForAccessibility } from './support/axe-scan';
import { saveScreenshot } from './support/screenshots';

/**
 * The Settings page, reached from the console's header: in the browser it
 * holds the chirp's settings (kept in this browser); in the desktop app every
 * setting, saved through the bridge. The desktop is played by a fake
 * `window.deskbell` that keeps its settings and token in sessionStorage, so
 * they outlive a reload the way the real main process's do.
 */

interface FakeDesktopRecord {
  patches: DesktopSettingsPatch[];
  tokens: Array<string | null>;
}

declare global {
  interface Window {
    __desktop?: FakeDesktopRecord;
  }
}

/** Runs in the page before its scripts: the desktop app's preload, with main's side kept in sessionStorage. */
function installFakeDesktop(serverUrl: string): void {
  const load = <T>(key: string, fallback: T): T => JSON.parse(sessionStorage.getItem(key) ?? 'null') ?? fallback;
  const save = (key: string, value: unknown) => sessionStorage.setItem(key, JSON.stringify(value));
  let settings: DesktopSettings = load('fake-desktop-settings', {
    serverUrl,
    sound: { muted: false, volume: 0.8, repeatSeconds: 30 },
    alertStyle: 'deskbell',
    autoAwayMinutes: 10,
    startAtLogin: false,
    startMinimized: false,
  });
  const record: FakeDesktopRecord = load('fake-desktop-record', { patches: [], tokens: [] });
  window.__desktop = record;
  const settingsListeners = new Set<(settings: DesktopSettings) => void>();
  const never = () => () => undefined;
  window.deskbell = {
    kind: 'electron',
    alertNewChat: () => undefined,
    clearChatAlert: () => undefined,
    chirp: () => undefined,
    alertNewMessage: () => undefined,
    alertPermission: () => 'granted',
    requestAlertPermission: () => Promise.resolve('granted'),
    reportPresence: () => undefined,
    onAlertAction: never,
    getSettings: async () => structuredClone(settings),
    async updateSettings(patch) {
      record.patches.push(patch);
      save('fake-desktop-record', record);
      settings = { ...settings, ...patch, sound: { ...settings.sound, ...patch.sound } };
      save('fake-desktop-settings', settings);
      for (const listener of settingsListeners) listener(structuredClone(settings));
      return structuredClone(settings);
    },
    onSettingsChanged(listener) {
      settingsListeners.add(listener);
      return () => void settingsListeners.delete(listener);
    },
    onStatusRequest: never,
    onReconnectHint: never,
    onPlaySound: never,
    popupAlert: async () => null,
    popupAction: () => undefined,
    loadSessionToken: async () => ({ token: load<string | null>('fake-desktop-token', null), persisted: true }),
    async saveSessionToken(token) {
      record.tokens.push(token);
      save('fake-desktop-record', record);
      save('fake-desktop-token', token);
      return { token, persisted: true };
    },
    screenshareGesture: () => undefined,
    reportSharing: () => undefined,
    onStopShareRequested: () => () => undefined,
    pickerSources: () => Promise.resolve([]),
    pickSource: () => undefined,
  };
}

const recordOf = (page: Page) => page.evaluate(() => window.__desktop ?? { patches: [], tokens: [] });

async function logIn(page: Page, username: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill('deskbell-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('[data-connection-state]')).toHaveAttribute('data-connection-state', 'connected');
}

test('in the browser, the chirp volume and mute chosen in Settings are still there after a reload', async ({
  desk,
}, testInfo) => {
  const alice = await desk.operator('alice');
  await alice.logIn();
  const page = alice.page;
  await page.getByRole('button', { name: 'Settings' }).click();

  const settings = page.getByRole('region', { name: 'Settings' });
  await expect(settings.getByText(/belong to the Deskbell desktop app/)).toBeVisible();
  await expect(settings.getByRole('textbox', { name: 'Server URL' })).toHaveCount(0);
  await expect(settings.getByRole('checkbox', { name: 'Start at login' })).toHaveCount(0);
  expect((await scanForAccessibility(page, 'browser-settings', testInfo)).blocking).toEqual([]);

  await settings.getByRole('slider', { name: 'Chirp volume' }).fill('40');
  await expect(settings.getByText('40%')).toBeVisible();
  await settings.getByRole('checkbox', { name: 'Mute the chirp' }).check();
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings.locator('form.settings-form').getByRole('status')).toHaveText('Settings saved.');

  await page.reload();
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(settings.getByRole('checkbox', { name: 'Mute the chirp' })).toBeChecked();
  await expect(settings.getByRole('slider', { name: 'Chirp volume' })).toHaveValue('40');
  await expect(settings.getByRole('spinbutton', { name: 'Repeat the chirp every (seconds)' })).toHaveValue('30');

  await settings.getByRole('button', { name: 'Back to chats' }).click();
  await expect(page.getByRole('heading', { name: 'Patron Chats' })).toBeVisible();
});

test.describe('in the desktop app', () => {
  let context: BrowserContext;
  let page: Page;

  test.beforeEach(async ({ browser, deskbell }) => {
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    await context.addInitScript(installFakeDesktop, deskbell.url);
    // This tab plays the desktop app, whose pages run at deskbell-app://console: the server hands the
    // bearer token only to that origin (a browser page gets the cookie), so its login says it comes from there.
    await context.route('**/api/login', async (route) => {
      const headers: Record<string, string> = { ...route.request().headers(), origin: 'deskbell-app://console' };
      delete headers['sec-fetch-site'];
      await route.fulfill({ response: await route.fetch({ headers }) });
    });
    page = await context.newPage();
    await page.goto(`${deskbell.url}/console/`);
  });

  test.afterEach(async () => {
    await context.close();
  });

  test('a librarian logs in with a kept token, fixes a mistyped server URL and saves the other settings', async ({
    deskbell,
  }, testInfo) => {
    // The login form says which server it will use.
    await expect(page.getByText(`Server: ${deskbell.url}`)).toBeVisible();
    await logIn(page, 'alice');
    const { tokens } = await recordOf(page);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatch(/^\S{32,}$/);

    // With the token kept, a restart goes straight to the chats.
    await page.reload();
    await expect(page.locator('[data-connection-state]')).toHaveAttribute('data-connection-state', 'connected');
    await expect(page.getByRole('textbox', { name: 'Username' })).toHaveCount(0);

    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    const serverUrl = settings.getByRole('textbox', { name: 'Server URL' });
    await expect(serverUrl).toHaveValue(deskbell.url);

    await serverUrl.fill('chat.library.org');
    await settings.getByRole('radio', { name: "The system's notifications" }).check();
    await settings.getByRole('spinbutton', { name: 'Go Away after this many idle minutes' }).fill('5');
    await settings.getByRole('checkbox', { name: 'Start minimized to the tray' }).check();
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(
      settings.getByText(/Enter the server's web address, starting with http:\/\/ or https:\/\//),
    ).toBeVisible();
    await expect(serverUrl).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.locator('form.settings-form').getByRole('status')).toHaveText(
      'Not saved: one field needs fixing.',
    );
    expect((await recordOf(page)).patches).toEqual([]);
    await saveScreenshot(page, 'desktop-settings', testInfo);
    expect((await scanForAccessibility(page, 'desktop-settings', testInfo)).blocking).toEqual([]);

    await serverUrl.fill(deskbell.url);
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(settings.locator('form.settings-form').getByRole('status')).toHaveText('Settings saved.');
    await expect(serverUrl).not.toHaveAttribute('aria-invalid', 'true');
    expect((await recordOf(page)).patches).toEqual([
      { alertStyle: 'system', autoAwayMinutes: 5, startMinimized: true },
    ]);
    // Still logged in: only a new server URL logs out.
    await expect(page.locator('[data-connection-state]')).toHaveAttribute('data-connection-state', 'connected');
  });

  test('a new server URL logs out of the old server and opens the console for the new one', async () => {
    await logIn(page, 'alice');
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByRole('textbox', { name: 'Server URL' }).fill('https://chat.library.org/');
    await settings.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(page.getByText('Server: https://chat.library.org')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
    const { patches, tokens } = await recordOf(page);
    expect(patches).toEqual([{ serverUrl: 'https://chat.library.org' }]);
    expect(tokens.at(-1)).toBeNull();
  });

  test('Settings opens from the login form, before anyone has logged in', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    await expect(settings.getByRole('textbox', { name: 'Server URL' })).toBeVisible();
    await settings.getByRole('checkbox', { name: 'Start at login' }).check();
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(settings.locator('form.settings-form').getByRole('status')).toHaveText('Settings saved.');
    expect((await recordOf(page)).patches).toEqual([{ startAtLogin: true }]);
    await settings.getByRole('button', { name: 'Back to log in' }).click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  });
});
