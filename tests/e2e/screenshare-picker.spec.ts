import type { Browser, Page } from '@playwright/test';
import { PICKER_SIZE, SHARING_BAR_SIZE } from '../../electron/main/screenshare/screenshare-service';
import { scanForAccessibility } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

/**
 * The desktop's screen-sharing windows show dist/console/picker.html and
 * dist/console/sharing-bar.html. Here Chromium opens the same built pages from
 * the real server, at the size main opens them, in a plain browser: `?demo=1`
 * gives the picker a made-up list (two screens, a window, drawn previews) and
 * the bar a sample text.
 */
async function openPage(browser: Browser, url: string, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Nothing scrolls sideways or spills out of the window. */
async function overflowOf(page: Page) {
  return page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
}

test('the picker lists screens and windows with previews; arrow keys choose and Share answers', async ({
  browser,
  deskbell,
}, testInfo) => {
  const page = await openPage(browser, `${deskbell.url}/console/picker.html?demo=1`, PICKER_SIZE);
  const picker = page.getByRole('main', { name: 'Choose what to share' });
  await expect(picker).toBeVisible();
  const screens = picker.getByRole('radiogroup', { name: 'Entire screen' });
  const windows = picker.getByRole('radiogroup', { name: 'Windows' });
  await expect(screens.getByRole('radio')).toHaveCount(2);
  await expect(windows.getByRole('radio', { name: 'Library catalogue – Firefox' })).toBeVisible();
  // Every preview was drawn and has loaded.
  const previews = picker.locator('.share-picker-thumb img');
  await expect(previews).toHaveCount(3);
  for (const preview of await previews.all()) {
    expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }

  const share = picker.getByRole('button', { name: 'Share' });
  await expect(share).toBeDisabled();
  await page.keyboard.press('Tab');
  await expect(screens.getByRole('radio', { name: 'Screen 1' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(screens.getByRole('radio', { name: 'Screen 2' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(screens.getByRole('radio', { name: 'Screen 1' })).toHaveAttribute('aria-checked', 'true');
  await expect(share).toBeEnabled();
  expect(await overflowOf(page)).toEqual({ x: 0, y: 0 });
  const actions = await picker.getByRole('button', { name: 'Cancel' }).boundingBox();
  expect(actions!.y + actions!.height).toBeLessThanOrEqual(PICKER_SIZE.height);

  await saveScreenshot(page, 'screenshare-picker', testInfo);
  expect((await scanForAccessibility(page, 'screenshare-picker', testInfo)).blocking).toEqual([]);

  await page.keyboard.press('Enter');
  await expect(page.locator('body')).toHaveAttribute('data-demo-pick', 'screen:1:0');
  await page.context().close();
});

test('the sharing bar says what is shared with whom and offers Stop Share, all inside its small window', async ({
  browser,
  deskbell,
}, testInfo) => {
  const page = await openPage(browser, `${deskbell.url}/console/sharing-bar.html?demo=1`, SHARING_BAR_SIZE);
  const bar = page.getByRole('main', { name: 'Screen sharing' });
  await expect(bar.getByRole('heading', { level: 1 })).toHaveText('Sharing Screen 1 with Riley Reader');
  const stop = bar.getByRole('button', { name: 'Stop Share' });
  await expect(stop).toBeVisible();
  const box = await stop.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(SHARING_BAR_SIZE.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(SHARING_BAR_SIZE.height);
  expect(await overflowOf(page)).toEqual({ x: 0, y: 0 });
  await expect(page).toHaveTitle('Sharing Screen 1 with Riley Reader – Deskbell');

  await saveScreenshot(page, 'screenshare-sharing-bar', testInfo);
  expect((await scanForAccessibility(page, 'screenshare-sharing-bar', testInfo)).blocking).toEqual([]);
  await page.context().close();
});
