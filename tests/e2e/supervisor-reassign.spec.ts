import { type Desk, expect, test } from './support/fixtures';
import { namedPatronAsks } from './support/scenarios';
import { describe, scanForAccessibility } from './support/axe-scan';
import { saveScreenshot } from './support/screenshots';

/**
 * A supervisor can take any chat (issue 11, item 5): Sam sees who has each
 * chat and for how long, gives Alice's chat to Bob, and takes another over
 * himself; the patron and both librarians see the line, the new owner has it
 * under My chats at once and replies.
 */

const patronAsks = (desk: Desk, name: string) => namedPatronAsks(desk, name, 'the map room');

test("Sam reassigns Alice's chat to Bob and takes over another; patron and librarians see who has it", async ({
  desk,
}, testInfo) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const bob = await desk.operator('bob');
  await bob.logInOnline();
  const sam = await desk.operator('sam');
  await sam.logInOnline();
  const gil = await patronAsks(desk, 'Gil Reader');
  const hal = await patronAsks(desk, 'Hal Second');
  await alice.claim('Gil Reader');
  await alice.reply('Let me look that up for you.');
  await alice.claim('Hal Second');
  await expect(gil.frame.getByText("You're chatting with Alice")).toBeVisible();

  // Operators have no All chats section and no supervisor buttons.
  await expect(alice.page.getByRole('heading', { name: 'All chats' })).toHaveCount(0);
  await expect(alice.page.getByRole('button', { name: 'Take over' })).toHaveCount(0);

  // Sam sees both chats, who has them and for how long.
  const allChats = sam.page.getByRole('list', { name: 'All chats' });
  const gilRow = allChats.locator('li[data-chat-id]').filter({ hasText: 'Gil Reader' });
  await expect(gilRow).toContainText('Alice has had this chat for less than a minute');
  await expect(allChats.locator('li[data-chat-id]').filter({ hasText: 'Hal Second' })).toContainText(
    'Alice has had this chat',
  );
  await saveScreenshot(sam.page, 'supervisor-all-chats', testInfo);
  const listScan = await scanForAccessibility(sam.page, 'supervisor-all-chats', testInfo);
  expect(listScan.blocking.map(describe)).toEqual([]);

  await gilRow.getByRole('button', { name: 'Gil Reader' }).click();
  const pane = sam.openChat('Gil Reader');
  await expect(pane.locator('[data-supervise]')).toContainText('Alice has had this chat for less than a minute');
  await expect(pane.getByText('Let me look that up for you.')).toBeVisible();
  await pane.getByRole('button', { name: 'Reassign...' }).click();
  const dialog = sam.page.getByRole('dialog', { name: 'Reassign chat' });
  await expect(dialog).toContainText('Alice leaves it');
  const rowOf = (name: string) => dialog.locator('li[data-operator-id]').filter({ hasText: name });
  await expect(rowOf('Alice')).toContainText('Has this chat');
  await expect(rowOf('Alice').getByRole('button', { name: 'Alice' })).toBeDisabled();
  // Dana never logged in: listed, with the reason, and not to be picked.
  await expect(rowOf('Dana')).toContainText('Offline: cannot take chats');
  await expect(rowOf('Dana').getByRole('button', { name: 'Dana' })).toBeDisabled();
  await expect(rowOf('Bob').getByRole('button', { name: 'Bob' })).toBeEnabled();
  await saveScreenshot(sam.page, 'supervisor-reassign-dialog', testInfo);
  const dialogScan = await scanForAccessibility(sam.page, 'supervisor-reassign-dialog', testInfo);
  expect(dialogScan.blocking.map(describe)).toEqual([]);

  await rowOf('Bob').getByRole('button', { name: 'Bob' }).click();
  await expect(dialog).toBeHidden();
  const line = 'Sam (supervisor) gave this chat to Bob.';
  await expect(pane.locator('[data-supervise]')).toContainText('Bob has had this chat');

  // The patron sees the line and who they are chatting with now.
  await expect(gil.log.getByText(line)).toBeVisible();
  await expect(gil.frame.getByText("You're chatting with Bob")).toBeVisible();

  // Bob has it under My chats without a reload, with its history, and replies.
  const bobsChats = bob.page.getByRole('list', { name: 'My chats' });
  await bobsChats.getByRole('button', { name: 'Gil Reader' }).click();
  await expect(bob.openChat('Gil Reader').getByText('Let me look that up for you.')).toBeVisible();
  await expect(bob.messages.getByText(line)).toBeVisible();
  await bob.reply('Hello Gil, Bob here: the map room is on the second floor.');
  await expect(gil.log.getByText('Hello Gil, Bob here: the map room is on the second floor.')).toBeVisible();

  // Alice sees the line and no longer has the chat.
  await alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: 'Gil Reader' }).waitFor({
    state: 'detached',
  });
  await expect(alice.page.getByRole('list', { name: 'My chats' }).getByText('Gil Reader')).toHaveCount(0);
  await saveScreenshot(bob.page, 'supervisor-reassigned-to-bob', testInfo);

  // Sam takes over Hal's chat himself: his to answer at once.
  await allChats
    .locator('li[data-chat-id]')
    .filter({ hasText: 'Hal Second' })
    .getByRole('button', { name: 'Hal Second' })
    .click();
  await sam.openChat('Hal Second').getByRole('button', { name: 'Take over' }).click();
  await expect(
    sam.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: 'Hal Second' }),
  ).toBeVisible();
  const takenLine = 'Sam (supervisor) took over this chat from Alice.';
  await expect(hal.log.getByText(takenLine)).toBeVisible();
  await expect(hal.frame.getByText("You're chatting with Sam")).toBeVisible();
  // Alice had Hal's chat open: she sees the same line, and that Sam has it now.
  await expect(alice.messages.getByText(takenLine)).toBeVisible();
  await expect(alice.openChat('Hal Second')).toContainText('Claimed by Sam');
  await expect(alice.page.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
  await saveScreenshot(hal.page, 'supervisor-took-over-patron', testInfo);
  await sam.reply('Hello Hal, I will take it from here.');
  await expect(hal.log.getByText('Hello Hal, I will take it from here.')).toBeVisible();
  await alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: 'Hal Second' }).waitFor({
    state: 'detached',
  });
  await saveScreenshot(sam.page, 'supervisor-took-over', testInfo);
});
