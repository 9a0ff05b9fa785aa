import { expect, test } from './support/fixtures';

/**
 * A chat whose analytics entry was left for later stays under My chats, also
 * after the console is reloaded; opened from there it shows its messages again
 * (the sync after a reload brings the history of open chats only).
 */
test('after a reload, an ended chat still waiting for its analytics opens from My chats with its messages', async ({
  desk,
}) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });

  const grace = await desk.patron();
  await grace.openPanel();
  await grace.startChat({ question: 'Can I print from my laptop?', name: 'Grace Hopper' });
  await alice.claim('Grace Hopper');
  await alice.reply('Yes, through the web print page.');
  await grace.send('Found it, thanks.');
  await expect(alice.messages.getByText('Found it, thanks.')).toBeVisible();
  await alice.openChat('Grace Hopper').getByRole('button', { name: 'End Chat' }).click();
  await analytics.getByRole('button', { name: 'Later' }).click();
  await expect(analytics).toBeHidden();

  await alice.page.reload();
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');
  const myChats = alice.page.getByRole('region', { name: 'My chats' });
  await myChats.getByRole('button', { name: 'Grace Hopper', exact: true }).click();
  await expect
    .poll(() => alice.messageBodies())
    .toEqual([
      'Alice has joined the chat.',
      'Yes, through the web print page.',
      'Found it, thanks.',
      'Alice ended the chat.',
    ]);

  // The entry can still be made, and the chat then stays open with its messages while on screen.
  await alice.openChat('Grace Hopper').getByRole('button', { name: 'Enter analytics' }).click();
  await analytics.getByRole('combobox', { name: 'Question Type' }).selectOption({ label: 'Directional' });
  await analytics.getByRole('button', { name: 'Save' }).click();
  await expect(analytics).toBeHidden();
  await expect(alice.messages.getByText('Found it, thanks.')).toBeVisible();
});
