import { expect, test } from './support/fixtures';
import { claimedChat } from './support/scenarios';

test('an operator whose connection drops mid-chat gets every message once and in order on reconnect', async ({
  desk,
}) => {
  const { alice, patron } = await claimedChat(desk);
  await alice.reply('Let me look that up for you.');
  await patron.send('Thanks, I will wait.');
  await expect(alice.messages.getByText('Thanks, I will wait.')).toBeVisible();

  // Going offline closes the console's socket for real (not just a pause); the console says it is reconnecting.
  await expect.poll(() => alice.openSockets().length).toBe(1);
  const [socketBefore] = alice.openSockets();
  await alice.context.setOffline(true);
  await expect.poll(() => socketBefore!.isClosed()).toBe(true);
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'reconnecting');

  const whileAway = ['Are you still there?', 'I am looking for the 1902 edition.', 'Or anything before 1910.'];
  for (const text of whileAway) await patron.send(text);
  // Alice answers while offline too: her reply waits in the outbox ("Sending...") instead of being lost.
  await alice.page.getByRole('textbox', { name: 'Reply' }).fill('Still here, one moment.');
  await alice.page.getByRole('textbox', { name: 'Reply' }).press('Enter');
  await expect(alice.messages.locator('li[data-pending]')).toContainText('Still here, one moment.');
  await expect(alice.messages).not.toContainText(whileAway[0]!);

  await alice.context.setOffline(false);
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');
  await expect(alice.messages.locator('li[data-pending]')).toHaveCount(0);

  // A message sent after the reconnect arrives live, after what was caught up.
  await patron.send('Great, the 1902 one please.');
  const expected = [
    'Alice has joined the chat.',
    'Let me look that up for you.',
    'Thanks, I will wait.',
    ...whileAway,
    'Still here, one moment.',
    'Great, the 1902 one please.',
  ];
  await expect.poll(() => alice.messageBodies()).toEqual(expected);
  // Every stored message once, in sequence order, without gaps.
  expect(await alice.messageSeqs()).toEqual(expected.map((_, index) => index + 1));
  await expect.poll(() => patron.messageBodies()).toEqual(expected);
  // A new socket carries the chat now.
  expect(alice.openSockets()).toHaveLength(1);
  expect(alice.openSockets()[0]).not.toBe(socketBefore);
});
