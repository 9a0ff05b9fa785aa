import { expect, test } from './support/fixtures';
import { claimedChat, PAT } from './support/scenarios';

test('a patron who refreshes the page mid-chat keeps the same chat with all its messages', async ({ desk }) => {
  const { alice, patron } = await claimedChat(desk);
  await alice.reply('Which town are you researching?');
  await expect(patron.log.getByText('Which town are you researching?')).toBeVisible();
  await patron.send('Riverside, around 1900.');
  await expect(alice.messages.getByText('Riverside, around 1900.')).toBeVisible();
  const before = await patron.messageBodies();

  await patron.page.reload();

  // The panel reopens by itself and the same chat is back, not the pre-chat form.
  await expect(patron.launcher).toHaveAttribute('aria-expanded', 'true');
  await expect(patron.frame.getByText("You're chatting with Alice")).toBeVisible();
  await expect(patron.frame.getByText(PAT.question)).toBeVisible();
  await expect.poll(() => patron.messageBodies()).toEqual(before);
  await expect(patron.form).toHaveCount(0);

  // It is the same chat on both sides: messages still flow both ways, in the chat Alice already has open.
  await patron.send('I found the 1902 atlas, thanks.');
  await expect(alice.messages.getByText('I found the 1902 atlas, thanks.')).toBeVisible();
  await alice.reply('Glad to help!');
  await expect(patron.log.getByText('Glad to help!')).toBeVisible();
  await expect
    .poll(() => patron.messageBodies())
    .toEqual([...before, 'I found the 1902 atlas, thanks.', 'Glad to help!']);
  await expect
    .poll(() => alice.messageBodies())
    .toEqual([...before, 'I found the 1902 atlas, thanks.', 'Glad to help!']);
  await expect(alice.page.getByRole('list', { name: 'My chats' }).locator('li[data-chat-id]')).toHaveCount(1);
  await expect(alice.page.locator('[data-counter="new"]')).toContainText('0');
});
