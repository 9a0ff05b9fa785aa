import { describeBrowser } from '../../src/domain/user-agent';
import { expect, test } from './support/fixtures';
import { PAT, claimedChat } from './support/scenarios';

test("the patron info tab shows who is asking, from where, with what, and the library's extra field", async ({
  desk,
  deskbell,
}) => {
  const { alice, patron } = await claimedChat(desk);
  const userAgent = await patron.page.evaluate(() => navigator.userAgent);
  const browser = describeBrowser(userAgent);
  expect(browser).toMatch(/Chrom/);

  const chat = alice.openChat(PAT.name);
  await chat.getByRole('tab', { name: 'Patron info' }).click();
  await expect(chat.getByRole('tab', { name: 'Patron info' })).toHaveAttribute('aria-selected', 'true');
  const info = chat.getByRole('tabpanel');
  const value = (term: string) =>
    info
      .locator('div')
      .filter({ has: alice.page.getByRole('term').getByText(term, { exact: true }) })
      .getByRole('definition');

  await expect(value('Name')).toHaveText(PAT.name);
  await expect(value('Email')).toHaveText(PAT.email);
  await expect(value('IP address')).toHaveText('127.0.0.1');
  await expect(value('Page')).toHaveText(`${deskbell.url}/`);
  await expect(value('Browser')).toHaveText(browser!);
  await expect(value('Department')).toHaveText('General Reference');
  await expect(value('Library card number')).toHaveText(PAT.libraryCard);

  // The patron's own view is untouched by the librarian looking them up.
  await expect(patron.frame.getByText("You're chatting with Alice")).toBeVisible();
});
