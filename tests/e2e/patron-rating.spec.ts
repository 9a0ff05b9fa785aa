import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';
import { claimedChat, PAT } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

test('when the chat ends the patron rates it and downloads the transcript; staff see the rating, the patron does not get it back', async ({
  desk,
}, testInfo) => {
  const { alice, patron } = await claimedChat(desk);
  await alice.reply('The atlases are on the second floor, in Local History.');
  await patron.send('Found them, thank you!');
  await expect(alice.messages.getByText('Found them, thank you!')).toBeVisible();
  await alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' }).click();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });
  await analytics.getByRole('combobox', { name: 'Question Type' }).selectOption({ label: 'Directional' });
  await analytics.getByRole('button', { name: 'Save' }).click();
  await expect(analytics).toBeHidden();

  const rating = patron.frame.getByRole('group', { name: 'How helpful was this chat?' });
  await expect(rating).toBeVisible();
  // Send without a choice says what is missing.
  await patron.frame.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(patron.frame.getByRole('alert')).toHaveText('Choose how helpful the chat was.');
  await rating.getByRole('radio', { name: 'Very helpful' }).check();
  await patron.frame.getByRole('textbox', { name: 'Anything to add? (optional)' }).fill('Quick and kind.');
  await saveScreenshot(patron.page, 'widget-rating', testInfo);
  await patron.frame.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(patron.frame.getByText('Thank you for telling us.')).toBeVisible();

  // The transcript to keep: the question and every line, as a text file.
  const [download] = await Promise.all([
    patron.page.waitForEvent('download'),
    patron.frame.getByRole('button', { name: 'Download transcript' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^chat-\d{4}-\d{2}-\d{2}\.txt$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain(`Your question: ${PAT.question}`);
  expect(text).toContain('Alice: The atlases are on the second floor, in Local History.');
  expect(text).toContain('You: Found them, thank you!');

  // Staff read the rating with the transcript.
  await alice.page.getByRole('tab', { name: 'Transcripts' }).click();
  await alice.page
    .getByRole('list', { name: 'Transcripts' })
    .getByRole('button', { name: PAT.name, exact: true })
    .click();
  const view = alice.page.getByRole('region', { name: `Transcript: ${PAT.name}` });
  await expect(view.locator('[data-patron-rating]')).toHaveText('5 of 5: Very helpful · Quick and kind.');

  // And find it again by its words with the Transcripts tab's search.
  await alice.page.getByRole('searchbox', { name: 'Words in the chat' }).fill('atlases local');
  await alice.page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(alice.page.getByRole('status').filter({ hasText: 'chat matches' })).toHaveText('1 chat matches');
  await alice.page.getByRole('searchbox', { name: 'Words in the chat' }).fill('microfiche');
  await alice.page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(alice.page.getByRole('status').filter({ hasText: 'chats match' })).toHaveText('0 chats match');
});
