import { expect, test } from './support/fixtures';
import { claimedChat } from './support/scenarios';

test('a transfer to a colleague who is Away is refused in the server’s words, and the chat stays with the librarian', async ({
  desk,
}) => {
  const { alice, patronName } = await claimedChat(desk);
  const bob = await desk.operator('bob');
  await bob.logInOnline();
  await bob.setStatus('Away');

  const aliceChat = alice.openChat(patronName);
  await aliceChat.getByRole('button', { name: 'Add Participants' }).click();
  const participants = aliceChat.getByRole('region', { name: 'Add Participants' });
  const bobRow = participants
    .getByRole('list', { name: 'Colleagues' })
    .getByRole('listitem')
    .filter({ hasText: 'Bob' });
  await expect(bobRow).toHaveAttribute('data-dot', 'yellow');
  await participants.getByRole('button', { name: 'Bob', exact: true }).click();
  await participants.getByRole('button', { name: 'Transfer' }).click();

  await expect(aliceChat.getByRole('alert')).toHaveText('Bob is Away; pick someone who is Online.');
  await expect(aliceChat.getByRole('button', { name: 'End Chat' })).toBeVisible();
  await expect(bob.page.getByRole('region', { name: 'Transfers for you' })).toHaveCount(0);
});
