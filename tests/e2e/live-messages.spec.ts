import { expect, test } from './support/fixtures';
import { claimedChat } from './support/scenarios';

test('messages flow both ways live between the widget and the console', async ({ desk }) => {
  const { alice, patron } = await claimedChat(desk);

  await alice.reply('The atlases are on the second floor, in Local History.');
  await expect(patron.log.getByText('The atlases are on the second floor, in Local History.')).toBeVisible();

  await patron.send('Thank you! Can I borrow one?');
  await expect(alice.messages.getByText('Thank you! Can I borrow one?')).toBeVisible();

  await alice.reply('They are reference only, but you can scan pages for free.');
  await expect(patron.log.getByText('They are reference only, but you can scan pages for free.')).toBeVisible();

  const conversation = [
    'Alice has joined the chat.',
    'The atlases are on the second floor, in Local History.',
    'Thank you! Can I borrow one?',
    'They are reference only, but you can scan pages for free.',
  ];
  await expect.poll(() => alice.messageBodies()).toEqual(conversation);
  await expect.poll(() => patron.messageBodies()).toEqual(conversation);
  // The patron's own line is authored "You"; the librarian's carries her name.
  await expect(patron.log.locator('li').filter({ hasText: 'Can I borrow one?' })).toContainText('You');
  await expect(patron.log.locator('li').filter({ hasText: 'reference only' })).toContainText('Alice');
});
