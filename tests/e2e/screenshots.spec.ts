import { expect, test } from './support/fixtures';
import { claimedChat, PAT } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

test('screenshots: the demo page with the widget open mid-chat, and the console with the claimed chat', async ({
  desk,
}, testInfo) => {
  const { alice, patron } = await claimedChat(desk);
  await alice.reply('Good afternoon! The local history atlases are on the second floor, in the Local History Room.');
  await patron.send('Thank you! Can I take one home?');
  await alice.reply('They are reference only, but you can scan pages for free at the copier beside them.');
  await expect(patron.log.getByText('scan pages for free')).toBeVisible();
  await expect(alice.messages.getByText('Thank you! Can I take one home?')).toBeVisible();
  await expect(alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' })).toBeVisible();

  await saveScreenshot(patron.page, 'demo-page-widget-mid-chat', testInfo);
  await saveScreenshot(alice.page, 'console-claimed-chat', testInfo);
});
