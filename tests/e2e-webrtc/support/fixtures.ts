import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { test as deskTest } from '../../e2e/support/fixtures';
import { startCoturn, type Coturn } from './coturn';

interface WebrtcFixtures {
  /** A coturn of this test's own on the namespace's address, stopped after it (its log attached on failure). */
  coturn: Coturn;
}

/**
 * The main suite's fixtures (`deskbell`, `desk`, the `deskbellEnv` option),
 * plus a coturn. For a Deskbell server that mints TURN credentials, pass
 * `turnEnv(coturn)` as its environment, e.g. `startDeskbellServer(turnEnv(coturn, { relayOnly: true }))`.
 */
export const test = deskTest.extend<WebrtcFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern.
  coturn: async ({}, use, testInfo) => {
    const coturn = await startCoturn({ outputDir: testInfo.outputPath('coturn') });
    try {
      await use(coturn);
    } finally {
      await coturn.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('coturn.log', { body: readLog(coturn.logFile), contentType: 'text/plain' });
      }
    }
  },
});

/** The Deskbell environment that hands out `coturn` with credentials minted per session. */
export function turnEnv(coturn: Coturn, { relayOnly = false }: { relayOnly?: boolean } = {}): Record<string, string> {
  return {
    DESKBELL_TURN_URLS: coturn.url,
    DESKBELL_TURN_SECRET: coturn.secret,
    DESKBELL_ICE_RELAY_ONLY: relayOnly ? 'true' : 'false',
  };
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '(no coturn log)';
  }
}

/**
 * For `desk.operator(name, mediaAllowed(url))`: the console's context may use the microphone and the
 * local network. The e2e consoles are granted notifications, and Playwright's grant denies every other
 * permission of the origin; Chromium then gathers no host ICE candidates (local network access).
 */
export function mediaAllowed(origin: string): (context: BrowserContext) => Promise<void> {
  return (context) =>
    context.grantPermissions(['notifications', 'microphone', 'camera', 'local-network-access'], { origin });
}

export { expect } from '@playwright/test';
