import { expect, test } from './support/fixtures';
import { claimedChat } from './support/scenarios';

// A short wait, so the test sees a transfer nobody accepts come back.
test.use({ deskbellEnv: { DESKBELL_TRANSFER_TIMEOUT_SECONDS: '5' } });

test('a transfer nobody accepts in time comes back to the librarian with a chirp, and the colleague’s offer goes away', async ({
  desk,
}) => {
  const { alice, patron, patronName } = await claimedChat(desk);
  const bob = await desk.operator('bob');
  await bob.logInOnline();

  const aliceChat = alice.openChat(patronName);
  const participants = await alice.openAddParticipants(patronName);
  await participants.getByRole('button', { name: 'Bob', exact: true }).click();
  await participants.getByRole('textbox', { name: /Briefing for Bob/ }).fill('Wants the 1890s county atlases.');
  await participants.getByRole('button', { name: 'Transfer' }).click();
  await expect(participants).toBeHidden();

  // Bob is offered the chat but does not accept it.
  const offers = bob.page.getByRole('region', { name: 'Transfers for you' });
  await expect(offers.getByRole('button', { name: patronName })).toBeVisible();
  const chirpsBefore = (await alice.alerts()).plays.length;

  // The wait runs out: the chat is Alice's again, everyone reads so, and her console chirps.
  await expect(alice.messages.getByText('Nobody accepted the transfer; the chat is back with Alice.')).toBeVisible({
    timeout: 20_000,
  });
  await expect(aliceChat.getByRole('button', { name: 'End Chat' })).toBeVisible();
  await expect.poll(async () => (await alice.alerts()).plays.length).toBeGreaterThan(chirpsBefore);
  await expect(offers).toHaveCount(0);
  await expect(patron.log.getByText('Nobody accepted the transfer; the chat is back with Alice.')).toBeVisible();

  // She carries on answering.
  await alice.reply('Sorry for the wait, Pat: I will help you myself.');
  await expect(patron.log.getByText('Sorry for the wait, Pat: I will help you myself.')).toBeVisible();
});
