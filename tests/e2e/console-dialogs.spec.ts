import { expect, test } from './support/fixtures';
import { describe, scanForAccessibility } from './support/axe-scan';
import { saveScreenshot } from './support/screenshots';
import { claimedChat, PAT } from './support/scenarios';

test('the Analytics dialog keeps the focus inside, closes with Escape, and hands the focus back', async ({
  desk,
}, testInfo) => {
  const { alice } = await claimedChat(desk);
  const chat = alice.openChat(PAT.name);
  await chat.getByRole('button', { name: 'End Chat' }).click();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });
  await expect(analytics.getByRole('combobox', { name: 'Question Type' })).toBeFocused();

  const scan = await scanForAccessibility(alice.page, 'console-analytics-dialog', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // Tab from the last control comes round to the dialog again, never to the page behind it.
  for (let press = 0; press < 8; press++) {
    await alice.page.keyboard.press('Tab');
    expect(await analytics.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }

  await alice.page.keyboard.press('Escape');
  await expect(analytics).toBeHidden();
  // End Chat went with the chat's end: the focus is on what took its place.
  await expect(chat.getByRole('button', { name: 'Enter analytics' })).toBeFocused();

  // Opened again from there, Escape gives the focus back to the same button.
  await alice.page.keyboard.press('Enter');
  await expect(analytics).toBeVisible();
  await alice.page.keyboard.press('Escape');
  await expect(analytics).toBeHidden();
  await expect(chat.getByRole('button', { name: 'Enter analytics' })).toBeFocused();
});

test('Add Participants is a dialog: an Offline colleague is shown with the reason, Escape steps back and closes', async ({
  desk,
}, testInfo) => {
  const { alice } = await claimedChat(desk);
  const bob = await desk.operator('bob');
  await bob.logInOnline();
  const chat = alice.openChat(PAT.name);
  const opener = chat.getByRole('button', { name: 'Add Participants' });
  const participants = await alice.openAddParticipants(PAT.name);
  await expect(participants).toBeVisible();

  const colleagues = participants.getByRole('list', { name: 'Colleagues' });
  const sam = colleagues.getByRole('listitem').filter({ hasText: 'Sam' });
  await expect(sam).toHaveAttribute('data-status', 'offline');
  await expect(sam).toContainText('Offline: cannot take chats');
  await expect(participants.getByRole('button', { name: 'Sam', exact: true })).toBeDisabled();
  await expect(participants.getByRole('button', { name: 'Bob', exact: true })).toBeEnabled();
  await saveScreenshot(alice.page, 'console-transfer-dialog-offline-colleague', testInfo);
  const scan = await scanForAccessibility(alice.page, 'console-transfer-dialog', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // Picking Bob asks for the briefing; Escape there goes back to the list, Escape again closes.
  await participants.getByRole('button', { name: 'Bob', exact: true }).click();
  const briefing = participants.getByRole('textbox', { name: /Briefing for Bob/ });
  await expect(briefing).toBeFocused();
  await briefing.fill('Wants the 1890s county atlases.');
  for (let press = 0; press < 5; press++) {
    await alice.page.keyboard.press('Tab');
    expect(await participants.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  }
  await alice.page.keyboard.press('Escape');
  await expect(briefing).toBeHidden();
  await expect(colleagues).toBeVisible();
  await expect(participants.getByRole('heading', { name: 'Add Participants' })).toBeFocused();
  await alice.page.keyboard.press('Escape');
  await expect(participants).toBeHidden();
  await expect(opener).toBeFocused();
  await expect(chat.getByRole('button', { name: 'End Chat' })).toBeVisible();
});
