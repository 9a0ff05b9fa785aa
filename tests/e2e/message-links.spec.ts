import { expect, test } from './support/fixtures';
import { describe, scanForAccessibility } from './support/axe-scan';
import { saveScreenshot } from './support/screenshots';
import { claimedChat, PAT } from './support/scenarios';

const PERMALINK = 'https://catalog.riverside.example/record/b1234567?query=county%20atlas&format=map&sort=date';

test('a link the patron sends is clickable in the console and opens in a new tab; javascript: stays text', async ({
  desk,
}, testInfo) => {
  const { alice, patron } = await claimedChat(desk);
  await patron.send(`I found this (${PERMALINK}). Is it the right one? javascript:alert(1)`);
  await patron.send('مرحبا، هل لديكم أطالس تاريخية؟ doi:10.1000/xyz123');

  const row = alice.messages.locator('li[data-seq]').filter({ hasText: 'I found this' });
  const link = row.getByRole('link', { name: PERMALINK });
  await expect(link).toHaveAttribute('href', PERMALINK);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  // The sentence's ")." is not part of the address, and javascript: is no link at all.
  await expect(row.getByRole('link')).toHaveCount(1);
  await expect(row.locator('.message-body')).toContainText('javascript:alert(1)');
  await expect(row.locator('.message-body')).toHaveAttribute('dir', 'auto');

  const doi = alice.messages.getByRole('link', { name: 'doi:10.1000/xyz123' });
  await expect(doi).toHaveAttribute('href', 'https://doi.org/10.1000/xyz123');

  // The find box still marks a match, inside the link too.
  await alice.page.getByRole('searchbox', { name: 'Find in chat' }).fill('county');
  await expect(link.locator('mark[data-find-current]')).toHaveText('county');
  await expect(link).toHaveAttribute('href', PERMALINK);
  await alice.page.getByRole('searchbox', { name: 'Find in chat' }).fill('');

  await saveScreenshot(alice.page, 'console-links-and-rtl', testInfo);
  const scan = await scanForAccessibility(alice.page, 'console-message-links', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // Clicking opens a new page of the same browser, told nothing of the console (noopener).
  await alice.context.route('https://catalog.riverside.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Record</title><p>County atlas</p>' }),
  );
  const popup = alice.context.waitForEvent('page');
  await link.click();
  const opened = await popup;
  await opened.waitForLoadState();
  expect(opened.url()).toBe(PERMALINK);
  expect(await opened.evaluate(() => window.opener)).toBeNull();
  await opened.close();
});

test('a link the librarian sends is clickable in the widget and opens in a new tab', async ({ desk }, testInfo) => {
  const { alice, patron } = await claimedChat(desk);
  await alice.reply(`Here is the record: ${PERMALINK}, or write to ask@riverside.org.`);
  await alice.reply('<b>not bold</b> **not bold** [no](javascript:alert(1))');

  const line = patron.log.locator('li').filter({ hasText: 'Here is the record' });
  const link = line.getByRole('link', { name: PERMALINK });
  await expect(link).toHaveAttribute('href', PERMALINK);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(line.getByRole('link', { name: 'ask@riverside.org' })).toHaveAttribute(
    'href',
    'mailto:ask@riverside.org',
  );
  // Markup and markdown are shown as typed.
  const markup = patron.log.locator('li').filter({ hasText: '<b>not bold</b>' });
  await expect(markup.locator('b')).toHaveCount(0);
  await expect(markup.getByRole('link')).toHaveCount(0);
  await expect(markup.locator('.body')).toHaveText('<b>not bold</b> **not bold** [no](javascript:alert(1))');

  await patron.context.route('https://catalog.riverside.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Record</title><p>County atlas</p>' }),
  );
  const popup = patron.context.waitForEvent('page');
  await link.click();
  const opened = await popup;
  await opened.waitForLoadState();
  expect(opened.url()).toBe(PERMALINK);
  expect(await opened.evaluate(() => window.opener)).toBeNull();
  await opened.close();

  await saveScreenshot(patron.page, 'widget-links', testInfo);
  const scan = await scanForAccessibility(patron.page, 'widget-message-links', testInfo);
  expect(scan.reachedFrames, 'axe should have checked the widget frame too').toBe(true);
  expect(scan.blocking.map(describe)).toEqual([]);
  await expect(alice.openChat(PAT.name)).toBeVisible();
});

test('a right-to-left name keeps the headers in order', async ({ desk }, testInfo) => {
  const name = 'ليلى حداد';
  const { alice, patron } = await claimedChat(desk, { question: 'هل لديكم خرائط المقاطعة من القرن التاسع عشر؟', name });
  await patron.send('شكرا! see https://catalog.riverside.example/maps');
  const chat = alice.openChat(name);
  await expect(chat.getByRole('heading', { name, exact: true })).toHaveAttribute('dir', 'auto');
  await expect(alice.page.getByRole('list', { name: 'My chats' }).locator('bdi', { hasText: name })).toHaveCount(1);
  await expect(alice.messages.locator('bdi.message-author', { hasText: name }).first()).toBeVisible();
  await saveScreenshot(alice.page, 'console-rtl-patron', testInfo);
});
