import { expect, test } from './support/fixtures';

test('when nobody in the department is Online, the widget says so at once', async ({ desk }) => {
  // Alice is logged in but Away: being connected is not the same as answering chats.
  const alice = await desk.operator('alice');
  await alice.logIn();
  await alice.setStatus('Away');

  const patron = await desk.patron();
  await patron.openPanel();
  await expect(patron.frame.getByRole('heading', { name: 'No librarians are online right now' })).toBeVisible();
  await expect(patron.frame.getByRole('status')).toContainText('General Reference');
  await expect(patron.form).toHaveCount(0);

  // Once a librarian is Online, "Check again" offers the pre-chat form.
  await alice.setStatus('Online');
  await patron.frame.getByRole('button', { name: 'Check again' }).click();
  await expect(patron.form).toBeVisible();
  await expect(patron.frame.getByRole('heading', { name: 'No librarians are online right now' })).toHaveCount(0);
});
