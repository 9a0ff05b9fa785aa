import { expect, test } from '@playwright/test';
import { startDeskbellServer, type DeskbellServer } from '../e2e/support/deskbell-server';
import { DEMO_PASSWORD } from '../e2e/support/operator-console';
import { type DesktopApp, electronBinary, launchDesktopApp } from './support/desktop-app';

test.skip(
  electronBinary.path === null,
  `Electron binary not available here: ${electronBinary.path === null ? electronBinary.reason : ''}`,
);

let server: DeskbellServer;
let desktop: DesktopApp;

test.beforeEach(async () => {
  server = await startDeskbellServer();
  desktop = await launchDesktopApp(server.url);
});

test.afterEach(async () => {
  await desktop?.close();
  await server?.stop();
});

test('the desktop client opens the operator console from inside the app, locked down', async () => {
  const page = desktop.window;
  expect(page.url()).toMatch(/^deskbell-app:\/\/console\//);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();

  // The page sees the DesktopBridge and nothing of Node.
  const seen = await page.evaluate(() => {
    const bridge = (globalThis as unknown as { deskbell?: { kind?: string; chirp?: () => void } }).deskbell;
    return {
      bridge: bridge?.kind ?? null,
      // contextBridge hands the page proxies of the preload's functions, never their source.
      isolated: String(bridge?.chirp).includes('[native code]'),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    };
  });
  expect(seen).toEqual({ bridge: 'electron', isolated: true, require: 'undefined', process: 'undefined' });
});

test('a librarian logs in from the desktop client to the server named in the settings', async () => {
  const page = desktop.window;
  await page.getByRole('textbox', { name: 'Username' }).fill('alice');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('[data-connection-state]')).toHaveAttribute('data-connection-state', 'connected');
  await page.screenshot({ path: 'reports/screenshots/electron-console.png' });
});
