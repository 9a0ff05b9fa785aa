import type { Locator } from '@playwright/test';
import { describe, scanForAccessibility } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import type { OperatorConsole } from './support/operator-console';
import { claimedChat } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

const ATLAS = 'The county atlases from the 1890s are in the Local History Room on the second floor; ask at its desk.';
const ILL = 'We can borrow it from another library through Interlibrary Loan: it usually takes a week or two.';

/** Opens the Canned messages page from the header (not the composer's picker button of the same name). */
async function openCannedPage(librarian: OperatorConsole): Promise<Locator> {
  await librarian.page.getByRole('banner').getByRole('button', { name: 'Canned messages' }).click();
  const page = librarian.page.getByRole('region', { name: 'Canned messages' });
  // Loaded: both lists' headings are there once the server has answered.
  await expect(page.getByRole('heading', { name: 'Shared canned messages' })).toBeVisible();
  return page;
}

/** Fills and saves one of the page's forms ("New personal canned message", "New shared canned message"). */
async function saveCanned(
  page: Locator,
  formName: string,
  fields: { shortcut: string; message: string; department?: string },
): Promise<void> {
  const form = page.getByRole('form', { name: formName });
  if (fields.department)
    await form.getByRole('combobox', { name: 'Department' }).selectOption({ label: fields.department });
  await form.getByRole('textbox', { name: 'Shortcut' }).fill(fields.shortcut);
  await form.getByRole('textbox', { name: 'Message' }).fill(fields.message);
  await form.getByRole('button', { name: 'Save' }).click();
}

/** A row of one of the page's lists, by its shortcut. */
function cannedRow(page: Locator, listName: string, shortcut: string): Locator {
  return page
    .getByRole('list', { name: listName })
    .getByRole('listitem')
    .filter({ has: page.page().locator('.canned-option-shortcut', { hasText: new RegExp(`^/${shortcut}$`) }) });
}

test('a librarian saves a personal canned message, types /atl in a chat, picks it with Enter and the patron reads it whole', async ({
  desk,
}, testInfo) => {
  // Three axe scans on a shared two-core machine: this one test gets the slow allowance, not the whole suite.
  test.slow();
  const { alice, patron, patronName } = await claimedChat(desk);

  const page = await openCannedPage(alice);
  // The demo library shares two with General Reference; Alice may use them but not change them.
  await expect(cannedRow(page, 'Shared canned messages', 'hours')).toContainText('General Reference');
  await expect(page.getByRole('form', { name: 'New shared canned message' })).toHaveCount(0);

  // The form checks the shortcut before the server is asked.
  await saveCanned(page, 'New personal canned message', { shortcut: 'county atlas', message: ATLAS });
  await expect(page.getByText('Use letters, digits, - and _ only: no spaces (it is typed after /).')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Your canned messages' })).toHaveCount(0);

  await saveCanned(page, 'New personal canned message', { shortcut: 'atlas', message: ATLAS });
  const row = cannedRow(page, 'Your canned messages', 'atlas');
  await expect(row).toContainText('Personal');
  await expect(row).toContainText(ATLAS);
  await expect(row.getByRole('button', { name: 'Edit /atlas' })).toBeVisible();
  // The same shortcut twice in one list is refused by the server, in its words.
  await saveCanned(page, 'New personal canned message', { shortcut: 'atlas', message: 'Another atlas answer.' });
  await expect(page.getByRole('form', { name: 'New personal canned message' }).getByRole('alert')).toHaveText(
    '/atlas is already one of your canned messages; pick another shortcut.',
  );
  await expect(page.getByRole('list', { name: 'Your canned messages' }).getByRole('listitem')).toHaveCount(1);
  await page
    .getByRole('form', { name: 'New personal canned message' })
    .getByRole('textbox', { name: 'Shortcut' })
    .fill('');
  await page
    .getByRole('form', { name: 'New personal canned message' })
    .getByRole('textbox', { name: 'Message' })
    .fill('');
  await saveScreenshot(alice.page, 'console-canned-page', testInfo);
  const pageScan = await scanForAccessibility(alice.page, 'console-canned-page', testInfo);
  expect(pageScan.blocking.map(describe)).toEqual([]);

  await page.getByRole('button', { name: 'Back to chats' }).click();
  const chat = alice.openChat(patronName);
  await expect(chat).toBeVisible();
  const reply = alice.page.getByRole('textbox', { name: 'Reply' });
  await reply.click();
  await reply.pressSequentially('/atl');
  const suggestions = alice.page.getByRole('listbox', { name: 'Canned messages' });
  await expect(suggestions.getByRole('option')).toHaveCount(1);
  const option = suggestions.getByRole('option', { name: /^\/atlas Personal/ });
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(reply).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id')) ?? 'missing');
  const suggestionsShot = testInfo.outputPath('console-canned-suggestions.png');
  await alice.page.screenshot({ path: suggestionsShot, animations: 'disabled', caret: 'hide' });
  await testInfo.attach('console-canned-suggestions', { path: suggestionsShot, contentType: 'image/png' });
  const suggestionScan = await scanForAccessibility(alice.page, 'console-canned-suggestions', testInfo);
  expect(suggestionScan.blocking.map(describe)).toEqual([]);

  // Enter picks while the list is open: nothing goes to the patron yet.
  await reply.press('Enter');
  await expect(reply).toHaveValue(ATLAS);
  await expect(suggestions).toHaveCount(0);
  await expect(alice.messages.getByText(ATLAS)).toHaveCount(0);

  await reply.press('Enter');
  await expect(alice.messages.locator('li[data-seq]').filter({ hasText: ATLAS })).toHaveCount(1);
  await expect(patron.log.getByText(ATLAS)).toBeVisible();
  await expect(patron.log.getByText('/atl', { exact: true })).toHaveCount(0);

  // The picker next to Send lists the same ones, hers marked Personal and the shared ones with their department.
  await chat.getByRole('button', { name: 'Canned messages' }).click();
  const picker = alice.page.getByRole('dialog', { name: 'Canned messages' });
  await expect(picker.getByRole('combobox', { name: 'Filter canned messages' })).toBeFocused();
  await expect(picker.getByRole('option', { name: /^\/atlas Personal/ })).toBeVisible();
  await expect(picker.getByRole('option', { name: /^\/hours General Reference/ })).toBeVisible();
  await expect(picker.getByRole('option', { name: /^\/renew General Reference/ })).toBeVisible();
  await saveScreenshot(alice.page, 'console-canned-picker', testInfo);
  const pickerScan = await scanForAccessibility(alice.page, 'console-canned-picker', testInfo);
  expect(pickerScan.blocking.map(describe)).toEqual([]);
  await alice.page.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
});

test('an admin shares a canned message with General Reference; a librarian inserts it from the picker but cannot change it', async ({
  desk,
}) => {
  // Three browser contexts and two pages of forms: slow on a shared two-core machine, whatever the code does.
  test.slow();
  const dana = await desk.operator('dana');
  await dana.logIn();
  const danaPage = await openCannedPage(dana);
  await saveCanned(danaPage, 'New shared canned message', {
    department: 'General Reference',
    shortcut: 'ill',
    message: ILL,
  });
  const shared = cannedRow(danaPage, 'Shared canned messages', 'ill');
  await expect(shared).toContainText('General Reference');
  await expect(shared.getByRole('button', { name: 'Edit /ill' })).toBeVisible();

  const { alice, patron, patronName } = await claimedChat(desk);
  const reply = alice.page.getByRole('textbox', { name: 'Reply' });
  await reply.fill('Good news. ');
  await alice.openChat(patronName).getByRole('button', { name: 'Canned messages' }).click();
  const picker = alice.page.getByRole('dialog', { name: 'Canned messages' });
  const filter = picker.getByRole('combobox', { name: 'Filter canned messages' });
  await filter.fill('interlibrary');
  await expect(picker.getByRole('option')).toHaveCount(1);
  await expect(picker.getByRole('option', { name: /^\/ill General Reference/ })).toBeVisible();
  await filter.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(reply).toBeFocused();
  await expect(reply).toHaveValue(`Good news. ${ILL}`);
  await reply.press('Enter');
  await expect(patron.log.getByText(`Good news. ${ILL}`)).toBeVisible();

  // On the page Alice reads Dana's shared one but has no way to change it (the server refuses anyway:
  // tests/integration/canned-messages.test.ts).
  const alicePage = await openCannedPage(alice);
  const seen = cannedRow(alicePage, 'Shared canned messages', 'ill');
  await expect(seen).toContainText(ILL);
  await expect(seen.getByRole('button')).toHaveCount(0);
  await expect(alicePage.getByRole('form', { name: 'New shared canned message' })).toHaveCount(0);
});
