import { test as base, type BrowserContext } from '@playwright/test';
import { startDeskbellServer, type DeskbellServer } from './deskbell-server';
import { OperatorConsole } from './operator-console';
import { PatronWidget } from './patron-widget';

/** Opens the people a test needs, each in a browser context of their own, and closes them afterwards. */
export interface Desk {
  /**
   * A librarian at /console/ (not yet logged in), pop-ups allowed and recorded;
   * `prepare` runs on their browser context before the console opens.
   */
  operator(
    username: 'alice' | 'bob' | 'sam' | 'dana',
    prepare?: (context: BrowserContext) => Promise<void>,
  ): Promise<OperatorConsole>;
  /** A patron on the demo page `/` (panel still closed). */
  patron(): Promise<PatronWidget>;
}

interface DeskOptions {
  /**
   * Environment for the test's server, e.g. `test.use({ deskbellEnv: { DESKBELL_PATRON_RETURN_SECONDS: '2' } })`
   * to shorten a waiting period.
   */
  deskbellEnv: Record<string, string>;
  /** False for a library's first run without `--demo`: `test.use({ deskbellDemo: false })`. */
  deskbellDemo: boolean;
}

interface DeskFixtures {
  /** A Deskbell server of this test's own: `--demo`, a free port, a fresh SQLite file. */
  deskbell: DeskbellServer;
  desk: Desk;
}

export const test = base.extend<DeskFixtures & DeskOptions>({
  deskbellEnv: [{}, { option: true }],
  deskbellDemo: [true, { option: true }],
  // Test-scoped on purpose: who is Online and which chats wait must not leak from one test to the next.
  deskbell: async ({ deskbellEnv, deskbellDemo }, use, testInfo) => {
    const server = await startDeskbellServer(deskbellEnv, { demo: deskbellDemo });
    try {
      await use(server);
    } finally {
      await server.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('deskbell-server.log', { body: server.output(), contentType: 'text/plain' });
      }
    }
  },

  desk: async ({ browser, deskbell }, use) => {
    const opened: Array<{ close(): Promise<void> }> = [];
    await use({
      async operator(username, prepare) {
        const operator = await OperatorConsole.open(browser, deskbell.url, username, prepare);
        opened.push(operator);
        return operator;
      },
      async patron() {
        const patron = await PatronWidget.visit(browser, deskbell.url);
        opened.push(patron);
        return patron;
      },
    });
    // Browsers go before the server does, so it is never left waiting on open sockets.
    await Promise.all(opened.map((person) => person.close()));
  },
});

export { expect } from '@playwright/test';
