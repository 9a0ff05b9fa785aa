import { expect, test } from './support/fixtures';
import { PAT } from './support/scenarios';

test('Claim Chat by keyboard puts the focus in the reply box, so typing at once sends the greeting', async ({
  desk,
}) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const patron = await desk.patron();
  await patron.openPanel();
  await patron.startChat(PAT);

  // Tab to the row's Claim Chat and press Enter: no mouse.
  const claim = alice.waitingRow(PAT.name).getByRole('button', { name: 'Claim Chat' });
  await claim.focus();
  await alice.page.keyboard.press('Enter');
  const reply = alice.openChat(PAT.name).getByRole('textbox', { name: 'Reply' });
  await expect(reply).toBeFocused();

  // Typed straight away, without a click: the greeting reaches the patron.
  await alice.page.keyboard.type('Hello Pat, this is Alice at the reference desk.');
  await alice.page.keyboard.press('Enter');
  await expect(patron.log.getByText('Hello Pat, this is Alice at the reference desk.')).toBeVisible();
  await expect(reply).toBeFocused();
});

test('Claim Chat from the preview (Space) and by mouse both leave the focus in the reply box', async ({ desk }) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const first = await desk.patron();
  await first.openPanel();
  await first.startChat(PAT);
  const second = await desk.patron();
  await second.openPanel();
  await second.startChat({ question: 'Do you have the 1890 census?', name: 'Robin Fields' });

  // The preview's Claim Chat, pressed with Space.
  await alice.waitingRow(PAT.name).getByRole('button', { name: PAT.name }).click();
  const preview = alice.openChat(PAT.name);
  await preview.getByRole('button', { name: 'Claim Chat' }).focus();
  await alice.page.keyboard.press('Space');
  await expect(preview.getByRole('textbox', { name: 'Reply' })).toBeFocused();

  // And by mouse, from the Patron Chats row.
  await alice.waitingRow('Robin Fields').getByRole('button', { name: 'Claim Chat' }).click();
  const chat = alice.openChat('Robin Fields');
  await expect(chat.getByRole('textbox', { name: 'Reply' })).toBeFocused();
  await alice.page.keyboard.type('Hello Robin!');
  await alice.page.keyboard.press('Enter');
  await expect(second.log.getByText('Hello Robin!')).toBeVisible();
});

test('the colleague reads the whole conversation before Accept, and Accept puts the focus in the reply box', async ({
  desk,
}) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const patron = await desk.patron();
  await patron.openPanel();
  await patron.startChat(PAT);
  await alice.claim(PAT.name);
  await alice.reply('Hello Pat, the atlases are in the map room.');
  await patron.send('Which floor is that on?');
  const bob = await desk.operator('bob');
  await bob.logInOnline();

  const participants = await alice.openAddParticipants(PAT.name);
  await participants.getByRole('button', { name: 'Bob', exact: true }).click();
  await participants.getByRole('button', { name: 'Transfer' }).click();

  await bob.page.getByRole('region', { name: 'Transfers for you' }).getByRole('button', { name: PAT.name }).click();
  const bobChat = bob.openChat(PAT.name);
  // The offer's preview holds everything said before the transfer, not only what comes after it.
  await expect(bob.messages.getByText('Hello Pat, the atlases are in the map room.')).toBeVisible();
  await expect(bob.messages.getByText('Which floor is that on?')).toBeVisible();
  await expect(bobChat.getByText(PAT.question).first()).toBeVisible();
  // Alice, who sent it, reads whom it waits for.
  await expect(alice.openChat(PAT.name).locator('[data-transfer-sent]')).toHaveText('Waiting for Bob to accept');
  await expect(alice.page.getByRole('list', { name: 'My chats' })).toContainText('Waiting for Bob to accept');
  await expect(alice.openChat(PAT.name)).not.toContainText('Transferred from');
  await bobChat.getByRole('button', { name: 'Accept' }).focus();
  await bob.page.keyboard.press('Enter');
  await expect(bobChat.getByRole('textbox', { name: 'Reply' })).toBeFocused();
  await bob.page.keyboard.type('Hello Pat, I look after the map room.');
  await bob.page.keyboard.press('Enter');
  await expect(patron.log.getByText('Hello Pat, I look after the map room.')).toBeVisible();
});
