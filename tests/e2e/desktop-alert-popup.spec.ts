import type { Browser, Page } from '@playwright/test';
import type { NewChatAlert, PopupAction } from '../../src/protocol';
import { expect, test } from './support/fixtures';
import { scanForAccessibility } from './support/axe-scan';
import { saveScreenshot } from './support/screenshots';

/**
 * The desktop app's lower-right pop-up window shows dist/console/alert.html.
 * Here Chromium opens the same built page from the real server, and a fake
 * `window.deskbell` (defined before the page's scripts run) plays the main
 * process: it hands over the alert and writes down what the librarian clicked.
 */

declare global {
  interface Window {
    __popupActions?: PopupAction[];
  }
}

const ALERT: NewChatAlert = {
  chatId: 'chat-42',
  patronName: 'Riley Reader',
  departmentName: 'Research Help',
  preview: 'Do you have the 1990 census records for Alameda County on microfilm, and can I…',
  note: 'transferred from General Reference',
};

/** Runs in the page: the pop-up window's preload, reduced to what alert.html uses. */
function installFakePopupBridge(alert: NewChatAlert | null): void {
  const actions: PopupAction[] = [];
  window.__popupActions = actions;
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
    getSettings: () => Promise.reject(new Error('not in the pop-up')),
    updateSettings: () => Promise.reject(new Error('not in the pop-up')),
    onSettingsChanged: never,
    onStatusRequest: never,
    onReconnectHint: never,
    onPlaySound: never,
    popupAlert: () => Promise.resolve(alert),
    popupAction: (action) => void actions.push(action),
    loadSessionToken: () => Promise.resolve({ token: null, persisted: false }),
    saveSessionToken: () => Promise.resolve({ token: null, persisted: false }),
    screenshareGesture: () => undefined,
    reportSharing: () => undefined,
    onStopShareRequested: never,
    pickerSources: () => Promise.resolve([]),
    pickSource: () => undefined,
  };
}

/** A window the size main opens (360 x 120) showing the pop-up page for this alert. */
async function openPopup(browser: Browser, serverUrl: string, alert: NewChatAlert | null): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 120 } });
  await context.addInitScript(installFakePopupBridge, alert);
  const page = await context.newPage();
  await page.goto(`${serverUrl}/console/alert.html`);
  return page;
}

const actionsOf = (page: Page) => page.evaluate(() => window.__popupActions ?? []);

test("the pop-up shows who is asking, where, the question's first words and the transfer note", async ({
  browser,
  deskbell,
}, testInfo) => {
  const page = await openPopup(browser, deskbell.url, ALERT);
  const popup = page.getByRole('main', { name: 'Riley Reader' });
  await expect(popup).toBeVisible();
  await expect(popup).toHaveAttribute('data-chat-id', 'chat-42');
  await expect(popup.getByRole('heading', { name: 'Riley Reader' })).toBeVisible();
  await expect(popup.getByText('Research Help')).toBeVisible();
  await expect(popup.getByText(/^Do you have the 1990 census records/)).toBeVisible();
  await expect(popup.getByText('transferred from General Reference')).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Claim Chat' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Preview' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  await expect(page).toHaveTitle('New chat: Riley Reader – Deskbell');

  // Everything fits the small window: nothing scrolls, nothing spills out of it.
  const overflow = await page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow).toEqual({ x: 0, y: 0 });
  for (const name of ['Claim Chat', 'Preview', 'Dismiss']) {
    const box = await popup.getByRole('button', { name }).boundingBox();
    expect(box, name).not.toBeNull();
    expect(box!.x + box!.width, name).toBeLessThanOrEqual(360);
    expect(box!.y + box!.height, name).toBeLessThanOrEqual(120);
  }

  await saveScreenshot(page, 'desktop-alert-popup', testInfo);
  expect((await scanForAccessibility(page, 'desktop-alert-popup', testInfo)).blocking).toEqual([]);
  await page.context().close();
});

for (const [button, action] of [
  ['Claim Chat', 'claim'],
  ['Preview', 'preview'],
  ['Dismiss', 'dismiss'],
] as const) {
  test(`clicking ${button} on the pop-up tells the desktop once, for that chat`, async ({ browser, deskbell }) => {
    const page = await openPopup(browser, deskbell.url, ALERT);
    const clicked = page.getByRole('button', { name: button });
    await clicked.click();
    await expect.poll(() => actionsOf(page)).toEqual([{ chatId: 'chat-42', action }]);

    // While main closes the window, a second click (or another button) sends nothing more.
    for (const name of ['Claim Chat', 'Preview', 'Dismiss']) {
      await expect(page.getByRole('button', { name })).toBeDisabled();
    }
    await clicked.click({ force: true });
    expect(await actionsOf(page)).toEqual([{ chatId: 'chat-42', action }]);
    await page.context().close();
  });
}

test('a pop-up whose chat is already gone says so and offers nothing to click', async ({ browser, deskbell }) => {
  const page = await openPopup(browser, deskbell.url, null);
  await expect(page.getByRole('status')).toHaveText('This chat is no longer waiting.');
  await expect(page.getByRole('button')).toHaveCount(0);
  await page.context().close();
});
