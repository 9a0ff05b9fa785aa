import { scanForAccessibility, describe as describeViolation } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import { claimedChat, PAT } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

/**
 * A library runs its own desk (issue 13): from the Administration page the admin adds a
 * department with its hours and monitors, renames a question type and changes the widget's
 * greeting; a widget that is already open and a console in the middle of an analytics entry
 * show the new words without a reload.
 */
test('the admin adds a department with hours, renames a question type and changes the greeting; open widgets and consoles follow at once', async ({
  desk,
}, testInfo) => {
  // Alice has just ended a chat: her analytics entry is open. Another patron has the form open.
  const { alice, patron } = await claimedChat(desk);
  await alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' }).click();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });
  const questionType = analytics.getByRole('combobox', { name: 'Question Type' });
  await expect(questionType.getByRole('option', { name: 'Reference', exact: true })).toHaveCount(1);
  const waiting = await desk.patron();
  await waiting.openPanel();
  await expect(waiting.form).toBeVisible();
  await expect(waiting.frame.getByText(/Ask us anything\. A librarian from General Reference/)).toBeVisible();
  void patron;

  const dana = await desk.operator('dana');
  await dana.logIn();
  await dana.page.getByRole('button', { name: 'Administration' }).click();
  await dana.page.getByRole('tab', { name: 'Departments and hours' }).click();
  await expect(dana.page.getByRole('heading', { name: 'Departments', exact: true })).toBeVisible();

  // A new department, with weekday hours, a Saturday morning, Christmas closed, and Alice monitoring it.
  const addForm = dana.page.getByRole('form', { name: 'Add a department' });
  await addForm.getByLabel('Name', { exact: true }).fill('Local History');
  await addForm.getByRole('button', { name: 'Add department' }).click();
  const row = dana.page.locator('tr[data-department-id="local-history"]');
  await expect(row).toContainText('Always open');
  await row.getByRole('button', { name: 'Edit Local History' }).click();
  const edit = dana.page.getByRole('dialog', { name: 'Edit Local History' });
  await edit.getByRole('checkbox', { name: 'Alice' }).check();
  await edit.getByRole('radio', { name: 'Open during these hours' }).check();
  await edit.getByRole('button', { name: 'Add hours on Saturday' }).click();
  await edit.getByLabel('Saturday, opens').fill('10:00');
  await edit.getByLabel('Saturday, closes').fill('13:00');
  await edit.getByLabel('Date', { exact: true }).fill('2026-12-25');
  await edit.getByRole('button', { name: 'Add closed date' }).click();
  await expect(edit.getByRole('button', { name: /Remove closed date/ })).toBeVisible();
  await saveScreenshot(dana.page, 'administration-department-hours', testInfo);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row.locator('td').nth(2)).toHaveText(['Mon–Fri 09:00–17:00Sat 10:00–13:00Sun closed1 closed date']);
  await expect(row).toContainText('Alice');

  // Moved to the top with the keyboard: the focus stays on the row's buttons.
  const moveUp = row.getByRole('button', { name: 'Move up Local History' });
  await moveUp.focus();
  await dana.page.keyboard.press('Enter');
  await expect(row.locator('td').first()).toHaveText('2');
  await dana.page.keyboard.press('Enter');
  await expect(row.locator('td').first()).toHaveText('1');
  await expect(row.getByRole('button', { name: 'Move down Local History' })).toBeFocused();

  // Retired after a question whose safe answer has the focus; restored with one button.
  const research = dana.page.locator('tr[data-department-id="research-help"]');
  await research.getByRole('button', { name: 'Retire Research Help' }).click();
  const retire = dana.page.getByRole('alertdialog', { name: 'Retire Research Help?' });
  await expect(retire.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await retire.getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(research).toContainText('Retired');
  await research.getByRole('button', { name: 'Restore Research Help' }).click();
  await expect(research.getByRole('button', { name: 'Retire Research Help' })).toBeFocused();

  await saveScreenshot(dana.page, 'administration-departments', testInfo);
  const departmentsScan = await scanForAccessibility(dana.page, 'administration-departments', testInfo);
  expect(departmentsScan.blocking.map(describeViolation)).toEqual([]);

  // Desk settings: the greeting, a required field, a renamed question type.
  await dana.page.getByRole('tab', { name: 'Desk settings' }).click();
  const words = dana.page.getByRole('form', { name: 'Widget words' });
  await words.getByLabel('Library name').fill('Riverside Public Library');
  await words.getByLabel('Greeting').fill('Welcome to Riverside! Ask {department} anything at all.');
  await words.getByRole('button', { name: 'Save widget words' }).click();
  await expect(words.getByRole('status')).toHaveText('Saved. Open widgets show the new words at once.');
  await expect(waiting.frame.getByText('Welcome to Riverside! Ask General Reference anything at all.')).toBeVisible();
  await expect(waiting.frame.getByText('Riverside Public Library')).toBeVisible();
  const preview = dana.page.frameLocator('iframe[title="Preview of the chat widget for Local History"]');
  await expect(preview.getByRole('heading', { name: 'Ask a Librarian' })).toBeVisible();
  await expect(preview.getByText('Riverside Public Library')).toBeVisible();
  await expect(dana.page.getByRole('textbox', { name: 'Script tag for Local History' })).toHaveValue(
    /^<script src="http:\/\/127\.0\.0\.1:\d+\/widget\/loader\.js" data-department="local-history" async><\/script>$/,
  );

  const fields = dana.page.getByRole('form', { name: 'Pre-chat form fields' });
  await fields.getByRole('checkbox', { name: 'Required: Library card number' }).check();
  await fields.getByRole('button', { name: 'Save form fields' }).click();
  await expect(waiting.frame.getByLabel('Library card number (required)')).toBeVisible();

  const types = dana.page.getByRole('form', { name: 'Question types' });
  await types.getByRole('textbox', { name: 'Question type 2' }).fill('Research question');
  await types.getByRole('button', { name: 'Save question types' }).click();
  await expect(types.getByRole('status')).toHaveText('Saved. Every console’s analytics entry offers this list now.');
  await expect(types.getByRole('button', { name: 'Restore Reference' })).toBeVisible();
  // Alice's open analytics entry offers the new name, without a reload.
  await expect(questionType.getByRole('option', { name: 'Research question' })).toHaveCount(1);
  await expect(questionType.getByRole('option', { name: 'Reference', exact: true })).toHaveCount(0);
  await questionType.selectOption({ label: 'Research question' });
  await analytics.getByRole('button', { name: 'Save' }).click();
  await expect(analytics).toBeHidden();

  await saveScreenshot(dana.page, 'administration-desk-settings-lists', testInfo);
  await dana.page.getByRole('tab', { name: 'Desk settings' }).scrollIntoViewIfNeeded();
  await expect(preview.getByText('Riverside Public Library')).toBeVisible();
  await saveScreenshot(dana.page, 'administration-desk-settings', testInfo);
  await saveScreenshot(waiting.page, 'widget-new-greeting', testInfo);
  const settingsScan = await scanForAccessibility(dana.page, 'administration-desk-settings', testInfo);
  expect(settingsScan.blocking.map(describeViolation)).toEqual([]);
});
