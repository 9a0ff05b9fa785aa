import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';

/** Outside test-results/, which Playwright empties on every run. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../reports/screenshots/', import.meta.url));

/** Saves a full-viewport PNG to reports/screenshots/<name>.png and attaches it to the test's report. */
export async function saveScreenshot(page: Page, name: string, testInfo: TestInfo): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  // Blinking carets and running animations would make two runs' pictures differ for no reason.
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}
