import { OperatorConsole } from './support/operator-console';
import { scanForAccessibility, describe as describeViolation } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

/**
 * A library runs its own desk (issue 13): the admin adds a colleague from the Administration
 * page, the colleague logs in with the temporary password, chooses their own and answers a
 * patron; deactivated, they are logged out at once and the patron's chat goes back to the queue.
 */
test('the admin adds an operator who sets a password and answers a patron; deactivated, they are out at once', async ({
  browser,
  deskbell,
  desk,
}, testInfo) => {
  const dana = await desk.operator('dana');
  await dana.logIn();
  await dana.page.getByRole('button', { name: 'Administration' }).click();
  await expect(dana.page.getByRole('heading', { name: 'Staff accounts' })).toBeVisible();
  const addForm = dana.page.getByRole('form', { name: /Add a staff member/ });
  await addForm.getByLabel('Name', { exact: true }).fill('Riley Reader');
  await addForm.getByLabel('Username', { exact: true }).fill('riley');
  await addForm.getByLabel('Role', { exact: true }).selectOption('operator');
  await addForm.getByRole('checkbox', { name: 'General Reference' }).check();
  await addForm.getByRole('button', { name: 'Add staff member' }).click();
  const temporary = dana.page.locator('.temporary-password-value');
  await expect(dana.page.getByText('Give this temporary password to Riley Reader.', { exact: false })).toBeVisible();
  const password = (await temporary.innerText()).trim();
  expect(password.length).toBeGreaterThanOrEqual(10);
  await expect(dana.page.locator('tr[data-account-id]').filter({ hasText: 'Riley Reader' })).toContainText(
    'Temporary password',
  );
  await saveScreenshot(dana.page, 'administration-accounts', testInfo);
  const scan = await scanForAccessibility(dana.page, 'administration-accounts', testInfo);
  expect(scan.blocking.map(describeViolation)).toEqual([]);

  const riley = await OperatorConsole.open(browser, deskbell.url, 'riley');
  try {
    await riley.page.getByRole('textbox', { name: 'Username' }).fill('riley');
    await riley.page.getByLabel('Password', { exact: true }).fill(password);
    await riley.page.getByRole('button', { name: 'Log in' }).click();
    await expect(riley.page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await saveScreenshot(riley.page, 'choose-a-new-password', testInfo);
    const choose = riley.page.getByRole('form', { name: 'Choose a new password' });
    await choose.getByLabel('Temporary password').fill(password);
    await choose.getByLabel('New password', { exact: true }).fill('riley-reads-maps');
    await choose.getByLabel('New password again').fill('riley-reads-maps');
    await choose.getByRole('button', { name: 'Change password' }).click();
    await expect(riley.connection).toHaveAttribute('data-connection-state', 'connected');
    await riley.setStatus('Online');

    const patron = await desk.patron();
    await patron.openPanel();
    await patron.startChat({ question: 'Do you have parish maps from 1850?', name: 'Pat Reader' });
    await riley.claim('Pat Reader');
    await riley.reply('Yes, in the local history room.');
    await expect(patron.frame.getByText('Yes, in the local history room.')).toBeVisible();

    // Dana deactivates Riley: Riley's console is logged out, the chat is back in the queue for others.
    const row = dana.page.locator('tr[data-account-id]').filter({ hasText: 'Riley Reader' });
    await row.getByRole('button', { name: 'Deactivate Riley Reader' }).click();
    const confirm = dana.page.getByRole('alertdialog', { name: /Deactivate Riley Reader/ });
    await expect(confirm.getByRole('button', { name: 'Keep active' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await expect(row).toContainText('Deactivated');
    await expect(riley.page.getByRole('button', { name: 'Log in' })).toBeVisible();
    await expect(patron.frame.getByText(/Riley Reader had to leave/)).toBeVisible();
    await saveScreenshot(dana.page, 'administration-deactivated', testInfo);

    // Everyone changes their own name under Settings.
    await dana.page.getByRole('button', { name: 'Settings' }).click();
    await expect(dana.page.getByRole('form', { name: 'Change your password' })).toBeVisible();
  } finally {
    await riley.close();
  }
});
