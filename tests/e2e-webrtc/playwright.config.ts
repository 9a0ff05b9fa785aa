import { defineConfig } from '@playwright/test';
import mainConfig from '../../playwright.config';

const mainUse = mainConfig.use ?? {};

/**
 * Real WebRTC between browser contexts of Debian's Chromium, with fake media:
 * a test pattern for the screen and the camera, a beep for each microphone.
 * ICE needs an address that is not loopback, so this suite runs inside a
 * network namespace the run makes itself (global setup refuses otherwise):
 *
 *   bash scripts/in-network-namespace.sh npx playwright test -c tests/e2e-webrtc/playwright.config.ts
 *
 * It shares the main suite's Chromium options, its prerequisites check and
 * its fixtures (tests/e2e/support/fixtures.ts: a real Deskbell server per test).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: ['../e2e/support/global-setup.ts', './support/global-setup.ts'],
  // Playwright empties this folder on every run; coturn's logs of failed tests are attached to the report.
  outputDir: '../../test-results/e2e-webrtc',
  fullyParallel: false,
  // Two cores, and each test runs two peers encoding and decoding video.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    ...mainUse,
    launchOptions: {
      ...mainUse.launchOptions,
      args: [
        ...(mainUse.launchOptions?.args ?? []),
        // getUserMedia and getDisplayMedia granted without a prompt, and fed a test pattern and a beep.
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    },
  },
});
