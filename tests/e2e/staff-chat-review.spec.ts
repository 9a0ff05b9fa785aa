import { describe, scanForAccessibility } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import type { OperatorConsole } from './support/operator-console';
import { saveScreenshot } from './support/screenshots';

/** Opens the staff chat with a colleague from the Operators list. */
async function openStaffChatWith(console: OperatorConsole, name: string) {
  await console.page
    .getByRole('list', { name: 'Operators' })
    .getByRole('listitem')
    .getByRole('button', { name, exact: true })
    .click();
  return console.page.getByRole('region', { name: `Staff chat with ${name}` });
}

test('a supervisor reads two librarians’ staff chat as it goes on, and cannot write in it; operators cannot review', async ({
  desk,
}, testInfo) => {
  const alice = await desk.operator('alice');
  const bob = await desk.operator('bob');
  const sam = await desk.operator('sam');
  await alice.logInOnline();
  await bob.logInOnline();
  await sam.logIn();

  await openStaffChatWith(alice, 'Bob');
  await alice.reply('Bob, can you take the desk at three?');
  const bobChat = await openStaffChatWith(bob, 'Alice');
  await expect(bobChat.getByRole('log', { name: 'Messages' })).toContainText('take the desk at three');
  await bob.reply('Yes, from three to five.');

  // Sam, a supervisor, finds the chat on the Staff chats tab and opens it.
  await sam.page.getByRole('tab', { name: 'Staff chats' }).click();
  const list = sam.page.getByRole('list', { name: 'Staff chats' });
  const row = list.locator('li[data-staff-chat-id]').filter({ hasText: 'Alice and Bob' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Last message');
  await row.getByRole('button', { name: 'Alice and Bob', exact: true }).click();

  const review = sam.page.getByRole('region', { name: 'Staff chat between Alice and Bob' });
  await expect(review).toContainText('you can read it, not write in it');
  await expect
    .poll(() => sam.messageBodies())
    .toEqual(['Bob, can you take the desk at three?', 'Yes, from three to five.']);
  await expect(sam.page.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
  await expect(sam.page.getByRole('button', { name: 'Send' })).toHaveCount(0);

  // A new message from Bob reaches Sam live, with no reload and no Refresh.
  await bob.reply('I will bring the keys.');
  await expect
    .poll(() => sam.messageBodies())
    .toEqual(['Bob, can you take the desk at three?', 'Yes, from three to five.', 'I will bring the keys.']);
  await saveScreenshot(sam.page, 'console-staff-review', testInfo);
  const scan = await scanForAccessibility(sam.page, 'console-staff-review', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // Alice is an operator: her own staff chats are on the Operators list, and there is no Staff chats tab.
  await expect(alice.page.getByRole('tab', { name: 'Transcripts' })).toBeVisible();
  await expect(alice.page.getByRole('tab', { name: 'Staff chats' })).toHaveCount(0);
});
