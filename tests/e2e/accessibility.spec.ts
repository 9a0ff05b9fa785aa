import { expect, test } from './support/fixtures';
import { scanForAccessibility, describe } from './support/axe-scan';
import { claimedChat, PAT } from './support/scenarios';

test.describe('accessibility (axe-core): no serious or critical violations', () => {
  test('the demo page with the widget open, its pre-chat form included', async ({ desk }, testInfo) => {
    const alice = await desk.operator('alice');
    await alice.logInOnline();
    const patron = await desk.patron();
    await patron.openPanel();
    await expect(patron.form).toBeVisible();

    const scan = await scanForAccessibility(patron.page, 'demo-page-prechat-form', testInfo);
    expect(scan.reachedFrames, 'axe should have checked the widget frame too').toBe(true);
    expect(scan.blocking.map(describe)).toEqual([]);
  });

  test("the console's login page", async ({ desk }, testInfo) => {
    const alice = await desk.operator('alice');
    await expect(alice.page.getByRole('button', { name: 'Log in' })).toBeVisible();

    const scan = await scanForAccessibility(alice.page, 'console-login', testInfo);
    expect(scan.blocking.map(describe)).toEqual([]);
  });

  test('the console with a claimed chat (both tabs) and the widget mid-chat', async ({ desk }, testInfo) => {
    const { alice, patron } = await claimedChat(desk);
    await alice.reply('The atlases are on the second floor.');
    await patron.send('Thank you!');
    await expect(alice.messages.getByText('Thank you!')).toBeVisible();

    const consoleScan = await scanForAccessibility(alice.page, 'console-claimed-chat', testInfo);
    expect(consoleScan.blocking.map(describe)).toEqual([]);

    const widgetScan = await scanForAccessibility(patron.page, 'demo-page-widget-mid-chat', testInfo);
    expect(widgetScan.reachedFrames, 'axe should have checked the widget frame too').toBe(true);
    expect(widgetScan.blocking.map(describe)).toEqual([]);

    await alice.openChat(PAT.name).getByRole('tab', { name: 'Patron info' }).click();
    const infoScan = await scanForAccessibility(alice.page, 'console-patron-info', testInfo);
    expect(infoScan.blocking.map(describe)).toEqual([]);
  });

  test('the Analytics dialog after End Chat', async ({ desk }, testInfo) => {
    const { alice } = await claimedChat(desk);
    await alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' }).click();
    await expect(alice.page.getByRole('dialog', { name: 'Analytics' })).toBeVisible();
    const dialogScan = await scanForAccessibility(alice.page, 'console-analytics-dialog', testInfo);
    expect(dialogScan.blocking.map(describe)).toEqual([]);
  });
});
