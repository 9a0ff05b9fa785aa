import { proposedTimeSpentMinutes } from '../../src/domain/chat-stats';
import { expect, test } from './support/fixtures';
import { claimedChat, PAT } from './support/scenarios';

test('End Chat opens the analytics entry, Save stores it, and the transcript reads back from the console', async ({
  desk,
}) => {
  const claimedBefore = Date.now();
  const { alice, patron } = await claimedChat(desk);
  const claimedAfter = Date.now();
  await alice.reply('The atlases are on the second floor, in Local History.');
  await patron.send('Found them, thank you!');
  await expect(alice.messages.getByText('Found them, thank you!')).toBeVisible();

  const endedBefore = Date.now();
  await alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' }).click();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });
  await expect(analytics).toBeVisible();
  const endedAfter = Date.now();
  await expect(patron.frame.getByRole('heading', { name: 'This chat has ended' })).toBeVisible();

  // Time Spent is proposed from the chat's duration (claim to end), which the test brackets from outside.
  const timeSpent = analytics.getByRole('spinbutton', { name: 'Time Spent (minutes)' });
  const shortest = proposedTimeSpentMinutes(
    { createdAt: claimedAfter, claimedAt: claimedAfter, endedAt: endedBefore },
    0,
  );
  const longest = proposedTimeSpentMinutes(
    { createdAt: claimedBefore, claimedAt: claimedBefore, endedAt: endedAfter },
    0,
  );
  const proposed = Number(await timeSpent.inputValue());
  expect(proposed).toBeGreaterThanOrEqual(shortest);
  expect(proposed).toBeLessThanOrEqual(longest);

  // The librarian corrects it (she spent time finding the shelf) and files the entry.
  await analytics.getByRole('combobox', { name: 'Question Type' }).selectOption({ label: 'Directional' });
  await timeSpent.fill('7');
  await analytics.getByRole('textbox', { name: 'Notes' }).fill('Walked the patron to the Local History shelf.');
  await analytics.getByRole('button', { name: 'Save' }).click();
  await expect(analytics).toBeHidden();
  await expect(alice.openChat(PAT.name).getByRole('button', { name: 'Enter analytics' })).toHaveCount(0);

  // Read it back from the server, not from what this page still holds: reload, then the Transcripts tab.
  await alice.page.reload();
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');
  await alice.page.getByRole('tab', { name: 'Transcripts' }).click();
  const transcripts = alice.page.getByRole('list', { name: 'Transcripts' });
  await transcripts.getByRole('button', { name: PAT.name, exact: true }).click();

  const transcript = alice.page.getByRole('log', { name: 'Transcript' });
  await expect
    .poll(() => transcript.locator('li[data-seq] .message-body').allInnerTexts())
    .toEqual([
      'Alice has joined the chat.',
      'The atlases are on the second floor, in Local History.',
      'Found them, thank you!',
      'Alice ended the chat.',
    ]);
  const view = alice.page.getByRole('region', { name: `Transcript: ${PAT.name}` });
  await expect(view.getByText(PAT.question)).toBeVisible();
  await expect(view.getByRole('heading', { name: 'Analytics' })).toBeVisible();
  const entry = view.locator('dl').first();
  await expect(entry.locator('div').filter({ hasText: 'Question Type' }).locator('dd')).toHaveText('Directional');
  await expect(entry.locator('div').filter({ hasText: 'Time Spent' }).locator('dd')).toHaveText('7 min');
  await expect(entry.locator('div').filter({ hasText: 'Notes' }).locator('dd')).toHaveText(
    'Walked the patron to the Local History shelf.',
  );
  await expect(entry.locator('div').filter({ hasText: 'Saved by' }).locator('dd')).toContainText('Alice');
  await expect(view.getByRole('heading', { name: 'Patron info' })).toBeVisible();
});
