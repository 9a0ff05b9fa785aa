import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against real Deskbell servers: every
 * test starts its own server on a free port over a fresh SQLite file (see
 * tests/e2e/support/fixtures.ts), so the suite needs nothing running, only the
 * build in dist/ (`npm run build`; global-setup.ts says so when it is missing).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/support/global-setup.ts',
  // Playwright empties this folder on every run; screenshots worth keeping go to reports/screenshots/.
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  // Two cores: each test drives a server process and up to three browser contexts.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // Generous for a shared two-core machine; a passing run takes a fraction of this.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The console's chirp must be allowed to play without a click on the page itself.
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
});
