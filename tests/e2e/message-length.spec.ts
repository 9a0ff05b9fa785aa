import { LIMITS } from '../../src/protocol/limits';
import { expect, test } from './support/fixtures';
import { describe, scanForAccessibility } from './support/axe-scan';
import { saveScreenshot } from './support/screenshots';
import { claimedChat } from './support/scenarios';

const LIMIT = LIMITS.messageMaxLength;
const number = (value: number) => value.toLocaleString('en-US');

test('the reply box shows the count near the limit, and a paste past it is refused, not cut', async ({
  desk,
}, testInfo) => {
  const { alice, patron } = await claimedChat(desk);
  const reply = alice.page.getByRole('textbox', { name: 'Reply' });
  const count = alice.page.locator('[data-length-count]');

  await reply.fill('a'.repeat(LIMIT - 500));
  await expect(count).toHaveCount(0);

  await reply.fill('a'.repeat(LIMIT - 50));
  await expect(count).toHaveText(`${number(LIMIT - 50)} / ${number(LIMIT)}`);
  await expect(reply).toHaveAccessibleDescription(`${number(LIMIT - 50)} / ${number(LIMIT)}`);
  await expect(alice.page.locator('[data-length-announcement]')).toHaveText(
    `Close to the limit of ${number(LIMIT)} characters.`,
  );
  await saveScreenshot(alice.page, 'console-length-counter', testInfo);
  const scan = await scanForAccessibility(alice.page, 'console-length-counter', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // Too long: all of it stays in the box, Send waits, and the box says what to do.
  const tooLong = 'b'.repeat(LIMIT + 12);
  await reply.fill(tooLong);
  await expect(reply).toHaveValue(tooLong);
  await expect(count).toContainText(
    `12 characters over the limit of ${number(LIMIT)}: shorten the message to send it.`,
  );
  await expect(alice.page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await saveScreenshot(alice.page, 'console-length-over', testInfo);
  await reply.press('Enter');
  await expect(reply).toHaveValue(tooLong);

  // At the limit exactly, it goes.
  await reply.fill('c'.repeat(LIMIT));
  await expect(count).toContainText(`${number(LIMIT)} / ${number(LIMIT)}`);
  await reply.press('Enter');
  await expect(reply).toHaveValue('');
  await expect(count).toHaveCount(0);
  await expect(patron.log.locator('li').filter({ hasText: 'c'.repeat(LIMIT) })).toHaveCount(1);
});

test('the widget message box shows the count near the limit and refuses past it', async ({ desk }, testInfo) => {
  const { patron } = await claimedChat(desk);
  const box = patron.frame.getByRole('textbox', { name: 'Your message' });
  const count = patron.frame.locator('[data-length-count]');
  await box.fill('x'.repeat(LIMIT - 100));
  await expect(count).toHaveText(`${number(LIMIT - 100)} / ${number(LIMIT)}`);
  await saveScreenshot(patron.page, 'widget-length-counter', testInfo);
  const scan = await scanForAccessibility(patron.page, 'widget-length-counter', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  await box.fill('y'.repeat(LIMIT + 1));
  await expect(count).toContainText('1 character over the limit');
  await expect(patron.frame.getByRole('button', { name: 'Send' })).toBeDisabled();
  await box.press('Enter');
  await expect(box).toHaveValue('y'.repeat(LIMIT + 1));
  await expect(patron.frame.locator('[data-length-announcement]')).toHaveText(
    `Over the limit of ${number(LIMIT)} characters: shorten the message to send it.`,
  );
});
