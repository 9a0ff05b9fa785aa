import { expect, test } from './support/fixtures';
import { claimedChat } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';
import { ask, connectOperator } from '../support/clients';

test('a chat sent back to a department’s queue is claimed by a colleague; the first librarian can no longer end it, stays as a group, then leaves', async ({
  desk,
  deskbell,
}, testInfo) => {
  const { alice, patron, patronName } = await claimedChat(desk);
  const bob = await desk.operator('bob');
  await bob.logInOnline();
  const aliceChat = alice.openChat(patronName);
  const chatId = await aliceChat.getAttribute('data-chat-id');
  expect(chatId).toBeTruthy();

  // Alice sends the chat to Research Help's queue with a briefing.
  const participants = await alice.openAddParticipants(patronName);
  await participants
    .getByRole('list', { name: 'Departments' })
    .getByRole('button', { name: 'Research Help', exact: true })
    .click();
  await participants.getByRole('textbox', { name: /Briefing for Research Help/ }).fill('Needs 1890s county atlases.');
  await participants.getByRole('button', { name: 'Transfer' }).click();
  await expect(participants).toBeHidden();

  // Bob finds it under Patron Chats, marked as a transfer with the briefing, and claims it.
  const row = bob.waitingRow(patronName);
  await expect(row).toContainText('Research Help');
  await expect(row).toContainText('Transferred from Alice: Needs 1890s county atlases.');
  await row.getByRole('button', { name: patronName, exact: true }).click();
  const bobChat = bob.openChat(patronName);
  await expect(bobChat).toContainText('Needs 1890s county atlases.');
  await bob.claim(patronName);

  // Everyone reads what happened; the patron never sees the briefing.
  await expect(patron.log).toContainText('Research Help');
  await expect(patron.log).toContainText('Bob');
  await expect(patron.log.getByText('Needs 1890s county atlases.')).toHaveCount(0);
  // The widget's header names the department the chat is in now.
  await expect(patron.frame.locator('.frame-header .department')).toHaveText('Research Help');

  // Alice is a participant now: no End Chat in her console ...
  await expect(aliceChat.getByRole('button', { name: 'Leave chat' })).toBeVisible();
  await expect(aliceChat.getByRole('button', { name: 'End Chat' })).toHaveCount(0);
  // ... and the server refuses an End Chat from her session whatever the client sends.
  const session = (await alice.page.context().cookies()).find((cookie) => cookie.name === 'deskbell_session');
  expect(session).toBeDefined();
  const aliceSocket = await connectOperator(deskbell.url, { cookie: `${session?.name}=${session?.value}` });
  try {
    const refused = await ask(aliceSocket, 'chat:end', { chatId: chatId ?? '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_CHAT_OWNER' } });
  } finally {
    aliceSocket.disconnect();
  }
  await expect(bobChat.getByRole('button', { name: 'End Chat' })).toBeVisible();

  // A group chat: both librarians write, the patron reads both.
  await bob.reply('Hello Pat, Bob from Research Help here. The atlases are in the map room.');
  await alice.reply('I will stay a moment in case you need the local history shelves too.');
  await expect(patron.log.getByText('The atlases are in the map room.', { exact: false })).toBeVisible();
  await expect(patron.log.getByText('in case you need the local history shelves too.', { exact: false })).toBeVisible();
  await expect(bob.messages.getByText('I will stay a moment', { exact: false })).toBeVisible();
  await expect(bobChat).toContainText('Group chat: you are answering, with Alice');
  await saveScreenshot(bob.page, 'console-group-chat', testInfo);

  // Alice leaves; Bob and the patron carry on, and Bob ends the chat.
  await aliceChat.getByRole('button', { name: 'Leave chat' }).click();
  await expect(alice.page.getByRole('region', { name: patronName })).toHaveCount(0);
  await expect(bob.messages.getByText('Alice has left the chat.')).toBeVisible();
  await expect(patron.log.getByText('Alice has left the chat.')).toBeVisible();
  await bobChat.getByRole('button', { name: 'End Chat' }).click();
  await expect(bob.page.getByRole('dialog', { name: 'Analytics' })).toBeVisible();
});
