import { OperatorConsole } from './support/operator-console';
import { scanForAccessibility, describe as describeViolation } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

const ADMIN_PASSWORD = 'first-admin-pass-2026';

/**
 * A library's first day with Deskbell (issue 13), on a fresh server without
 * --demo: the admin logs in with the first-run password, adds a department
 * with its hours and a shorter escalation ladder, and adds a colleague who
 * opens the one-time set-up link, chooses a password and answers a patron.
 * When she steps away in staffed hours and nobody else is Online, the admin
 * hears the dark-desk alarm.
 */
test.use({
  deskbellDemo: false,
  deskbellEnv: {
    DESKBELL_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DESKBELL_DARK_DESK_SECONDS: '4',
    DESKBELL_PRESENCE_GRACE_SECONDS: '3',
  },
});

test('the admin sets up the desk; a colleague arrives by set-up link and answers; the desk going dark alarms the admin', async ({
  browser,
  deskbell,
  desk,
}, testInfo) => {
  test.setTimeout(120_000);
  const admin = await OperatorConsole.open(browser, deskbell.url, 'admin');
  await admin.logIn(ADMIN_PASSWORD);
  // The admin keeps the desk (Internal): the dark-desk alarm is theirs to hear.
  await admin.setStatus('Internal');
  await admin.page.getByRole('button', { name: 'Administration' }).click();

  // A department with hours, and General Reference's escalation ladder shortened.
  await admin.page.getByRole('tab', { name: 'Departments and hours' }).click();
  const addDepartment = admin.page.getByRole('form', { name: 'Add a department' });
  await addDepartment.getByLabel('Name', { exact: true }).fill('Local History');
  await addDepartment.getByRole('button', { name: 'Add department' }).click();
  const localHistory = admin.page.locator('tr[data-department-id="local-history"]');
  await localHistory.getByRole('button', { name: 'Edit Local History' }).click();
  let edit = admin.page.getByRole('dialog', { name: 'Edit Local History' });
  await edit.getByRole('radio', { name: 'Open during these hours' }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(localHistory).toContainText('Mon–Fri 09:00–17:00');

  const general = admin.page.locator('tr[data-department-id="general-reference"]');
  await general.getByRole('button', { name: 'Edit General Reference' }).click();
  edit = admin.page.getByRole('dialog', { name: 'Edit General Reference' });
  const ladder = edit.getByRole('group', { name: 'Escalation of chats nobody claims' });
  await expect(ladder.getByRole('checkbox', { name: /Use the defaults \(2, 5 and 10 minutes\)/ })).toBeChecked();
  await ladder.getByRole('checkbox', { name: /Use the defaults/ }).uncheck();
  await ladder.getByLabel(/^T1, minutes/).fill('1');
  await ladder.getByLabel(/^T2, minutes/).fill('3');
  await ladder.getByLabel(/^T3, minutes/).fill('2');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByRole('alert')).toHaveText('Escalation: T1 comes before T2, and T2 before T3.');
  await ladder.getByLabel(/^T3, minutes/).fill('6');
  await ladder.getByLabel('Backup department (sees the chat after T2)').selectOption({ label: 'Local History' });
  await saveScreenshot(admin.page, 'administration-escalation-ladder', testInfo);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await general.getByRole('button', { name: 'Edit General Reference' }).click();
  await expect(ladder.getByLabel(/^T2, minutes/)).toHaveValue('3');
  await expect(ladder.getByLabel('Backup department (sees the chat after T2)')).toHaveValue('local-history');
  await edit.getByRole('button', { name: 'Cancel' }).click();

  // A colleague, by set-up link.
  await admin.page.getByRole('tab', { name: 'Staff accounts' }).click();
  const addForm = admin.page.getByRole('form', { name: /Add a staff member/ });
  await addForm.getByLabel('Name', { exact: true }).fill('Robin Stacks');
  await addForm.getByLabel('Username', { exact: true }).fill('robin');
  await addForm.getByLabel('Role', { exact: true }).selectOption('operator');
  await addForm.getByRole('checkbox', { name: 'General Reference' }).check();
  await addForm.getByRole('button', { name: 'Add staff member' }).click();
  const link = (await admin.page.locator('.setup-link-value').innerText()).trim();
  expect(link).toMatch(new RegExp(`^${deskbell.url}/console/#setup=`));
  await saveScreenshot(admin.page, 'administration-setup-link', testInfo);

  const robin = await OperatorConsole.open(browser, deskbell.url, 'robin');
  try {
    await robin.page.goto(link);
    await expect(robin.page.getByRole('heading', { name: 'Set up your Deskbell account' })).toBeVisible();
    await expect(robin.page.getByText('Welcome, Robin Stacks. Your username is robin.')).toBeVisible();
    await robin.page.getByLabel('New password', { exact: true }).fill('robin-shelves-maps');
    await robin.page.getByLabel('New password again').fill('robin-shelves-maps');
    await saveScreenshot(robin.page, 'set-up-your-account', testInfo);
    const scan = await scanForAccessibility(robin.page, 'set-up-your-account', testInfo);
    expect(scan.blocking.map(describeViolation)).toEqual([]);
    await robin.page.getByRole('button', { name: 'Set password and log in' }).click();
    await expect(robin.connection).toHaveAttribute('data-connection-state', 'connected');
    expect(robin.page.url()).not.toContain('setup=');
    await robin.setStatus('Online');

    const patron = await desk.patron();
    await patron.openPanel();
    await patron.startChat({ question: 'Do you have the 1911 census for Riverside?', name: 'Kim Patron' });
    await robin.claim('Kim Patron');
    await robin.reply('Yes: on microfilm in Local History.');
    await expect(patron.frame.getByText('Yes: on microfilm in Local History.')).toBeVisible();

    // Robin steps away; nobody else is Online in staffed hours: the admin is alarmed.
    await robin.setStatus('Away');
    await expect(admin.page.locator('[data-desk-alarm="general-reference"]')).toContainText(
      'Dark desk: General Reference.',
      { timeout: 20_000 },
    );
    await expect(robin.page.locator('[data-desk-alarm]')).toHaveCount(0);
    // The used link works no more.
    const again = await OperatorConsole.open(browser, deskbell.url, 'robin');
    try {
      await again.page.goto(link);
      await expect(again.page.getByRole('alert')).toHaveText(
        'This set-up link has been used or has expired. Ask your admin for a new one.',
      );
    } finally {
      await again.close();
    }
  } finally {
    await robin.close();
    await admin.close();
  }
});
