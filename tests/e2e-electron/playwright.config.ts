import { defineConfig } from '@playwright/test';

/**
 * The desktop client itself, driven through Playwright's `_electron`: the
 * built app (dist/electron/main.js) against a real Deskbell server of each
 * test's own. It needs Electron's binary; where none was downloaded (these
 * development machines have no internet) every test skips and the run says
 * why in one line. It complements the Node tests of the main-process
 * services; it does not replace them.
 *
 * Run: `npx playwright test -c tests/e2e-electron/playwright.config.ts` after `npm run build`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/global-setup.ts',
  // Playwright empties this folder on every run; screenshots worth keeping go to reports/screenshots/.
  outputDir: '../../test-results/e2e-electron',
  // One desktop app at a time: each holds the single-instance lock of its user-data folder and a tray icon.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 15_000 },
});
