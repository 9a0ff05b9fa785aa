import { expect, test } from './support/fixtures';
import { claimedChat } from './support/scenarios';

test('a colleague who is Away is shown but cannot be picked; one who goes Away meanwhile is refused in the server’s words', async ({
  desk,
}) => {
  const { alice, patronName } = await claimedChat(desk);
  const bob = await desk.operator('bob');
  await bob.logInOnline();
  await bob.setStatus('Away');

  const aliceChat = alice.openChat(patronName);
  const participants = await alice.openAddParticipants(patronName);
  const bobRow = participants
    .getByRole('list', { name: 'Colleagues' })
    .getByRole('listitem')
    .filter({ hasText: 'Bob' });
  await expect(bobRow).toHaveAttribute('data-dot', 'yellow');
  await expect(bobRow).toContainText('Away: cannot take chats');
  await expect(participants.getByRole('button', { name: 'Bob', exact: true })).toBeDisabled();
  await expect(participants.getByRole('button', { name: 'Bob', exact: true })).toHaveAccessibleDescription(
    'Away: cannot take chats',
  );

  // Bob comes back Online: Alice picks him, and he goes Away before she sends it.
  await bob.setStatus('Online');
  await participants.getByRole('button', { name: 'Bob', exact: true }).click();
  await bob.setStatus('Away');
  await participants.getByRole('button', { name: 'Transfer' }).click();

  await expect(participants.getByRole('alert')).toHaveText('Bob is Away; pick someone who is Online.');
  await participants.getByRole('button', { name: 'Close' }).click();
  await expect(participants).toBeHidden();
  await expect(aliceChat.getByRole('button', { name: 'End Chat' })).toBeVisible();
  await expect(bob.page.getByRole('region', { name: 'Transfers for you' })).toHaveCount(0);
});

test('a colleague declines a transfer: the chat stays with the librarian, who reads who declined', async ({ desk }) => {
  const { alice, patron, patronName } = await claimedChat(desk);
  const bob = await desk.operator('bob');
  await bob.logInOnline();

  const aliceChat = alice.openChat(patronName);
  const participants = await alice.openAddParticipants(patronName);
  await participants.getByRole('button', { name: 'Bob', exact: true }).click();
  await participants.getByRole('button', { name: 'Transfer' }).click();
  await expect(participants).toBeHidden();

  await bob.page.getByRole('region', { name: 'Transfers for you' }).getByRole('button', { name: patronName }).click();
  const bobChat = bob.openChat(patronName);
  await expect(bobChat).toContainText('Transferred from Alice');
  await bobChat.getByRole('button', { name: 'Decline' }).click();
  await expect(bob.page.getByRole('region', { name: 'Transfers for you' })).toHaveCount(0);
  await expect(bob.openChat(patronName)).toHaveCount(0);

  const line = 'Bob declined the transfer; the chat stays with Alice.';
  await expect(alice.messages.getByText(line)).toBeVisible();
  await expect(patron.log.getByText(line)).toBeVisible();
  await expect(aliceChat.getByRole('button', { name: 'End Chat' })).toBeVisible();
  await alice.reply('I will help you myself, Pat.');
  await expect(patron.log.getByText('I will help you myself, Pat.')).toBeVisible();
});
