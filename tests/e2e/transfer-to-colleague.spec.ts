import { expect, test } from './support/fixtures';
import { claimedChat } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

test('a librarian briefs a colleague, transfers the patron to him, and leaves once he has taken over', async ({
  desk,
}, testInfo) => {
  const { alice, patron, patronName } = await claimedChat(desk);
  const bob = await desk.operator('bob');
  await bob.logInOnline();

  // Alice opens Add Participants in the patron chat: departments and colleagues with their dots.
  const aliceChat = alice.openChat(patronName);
  const participants = await alice.openAddParticipants(patronName);
  const bobRow = participants
    .getByRole('list', { name: 'Colleagues' })
    .getByRole('listitem')
    .filter({ hasText: 'Bob' });
  await expect(bobRow).toHaveAttribute('data-dot', 'green');
  await expect(participants.getByRole('list', { name: 'Departments' })).toContainText('Research Help');
  await saveScreenshot(alice.page, 'console-add-participants', testInfo);

  // The bubble opens a staff chat with Bob to brief him; the patron chat is left as it was.
  await bobRow.getByRole('button', { name: 'Brief Bob' }).click();
  await expect(alice.page.getByRole('region', { name: 'Staff chat with Bob' })).toBeVisible();
  await alice.reply('Pat needs the 1890s county atlases; can you take this one?');
  await expect.poll(() => patron.messageBodies()).toEqual(['Alice has joined the chat.']);

  // Back to the patron chat: clicking Bob's name asks for a briefing, then transfers.
  await alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: patronName }).click();
  await alice.openAddParticipants(patronName);
  await participants.getByRole('button', { name: 'Bob', exact: true }).click();
  await participants.getByRole('textbox', { name: /Briefing for Bob/ }).fill('Wants the 1890s county atlases.');
  await participants.getByRole('button', { name: 'Transfer' }).click();
  await expect(participants).toBeHidden();

  // Bob sees the chat transferred from Alice with the briefing, and accepts it.
  await bob.page.getByRole('region', { name: 'Transfers for you' }).getByRole('button', { name: patronName }).click();
  const bobChat = bob.openChat(patronName);
  await expect(bobChat).toContainText('Transferred from Alice');
  await expect(bobChat).toContainText('Wants the 1890s county atlases.');
  await bobChat.getByRole('button', { name: 'Accept' }).click();
  await expect(bobChat.getByRole('button', { name: 'End Chat' })).toBeVisible();
  await bob.reply('Hello Pat, I look after the map room. Let me find those atlases.');

  // Alice is now a participant: no End Chat, she can still write, and she can leave.
  await expect(aliceChat.getByRole('button', { name: 'Leave chat' })).toBeVisible();
  await expect(aliceChat.getByRole('button', { name: 'End Chat' })).toHaveCount(0);
  await alice.reply('Bob is our map specialist; he will take good care of you.');

  await expect(patron.log.getByText('Hello Pat, I look after the map room. Let me find those atlases.')).toBeVisible();
  await expect(patron.log.getByText('Bob is our map specialist; he will take good care of you.')).toBeVisible();
  // The briefing is staff only: never shown to the patron.
  await expect(patron.log.getByText('Wants the 1890s county atlases.')).toHaveCount(0);

  await aliceChat.getByRole('button', { name: 'Leave chat' }).click();
  await expect(alice.page.getByRole('region', { name: patronName })).toHaveCount(0);
  // Everyone reads that she left: Bob, and the patron.
  await expect(bob.messages.getByText('Alice has left the chat.')).toBeVisible();
  await expect(patron.log.getByText('Alice has left the chat.')).toBeVisible();
});
