import { type Desk, expect, test } from './support/fixtures';
import { namedPatronAsks } from './support/scenarios';
import { describe, scanForAccessibility } from './support/axe-scan';
import { saveScreenshot } from './support/screenshots';

/** The new-chat chirp is the console's own sound file (hashed by the build). */
const CHIRP = /\/console\/assets\/chirp[^/]*\.wav$/;

/**
 * The desk drops nobody (issue 11), worked as a shift would: several patrons
 * waiting, one who leaves, a colleague, a librarian who logs out with chats in
 * progress, and one whose console simply vanishes.
 */

const patronAsks = (desk: Desk, name: string) => namedPatronAsks(desk, name, 'the archives');

test.describe('a waiting patron who leaves', () => {
  test.use({ deskbellEnv: { DESKBELL_PATRON_RETURN_SECONDS: '6' } });

  test('shows Left at once, stops counting, the others move up, and the chat ends unanswered', async ({
    desk,
  }, testInfo) => {
    // Four browser contexts and two waiting periods on a two-core machine: more than the default minute.
    test.setTimeout(90_000);
    const alice = await desk.operator('alice');
    await alice.logInOnline();
    const ann = await patronAsks(desk, 'Ann Early');
    const ben = await patronAsks(desk, 'Ben Middle');
    const cat = await patronAsks(desk, 'Cat Late');
    await expect(cat.frame.locator('.queue-position')).toHaveText('You are number 3 in the queue.');
    const newCount = alice.page.locator('[data-counter="new"]');
    await expect(newCount).toHaveText('3');
    await expect(alice.page).toHaveTitle('(3) Deskbell');

    await ben.page.close();
    const row = alice.waitingRow('Ben Middle');
    await expect(row).toHaveAttribute('data-patron-left', 'true');
    await expect(row.getByText('Left', { exact: true })).toBeVisible();
    await expect(newCount).toHaveText('2');
    await expect(alice.page).toHaveTitle('(2) Deskbell');
    // Once the absence is stored (a few seconds: a page change would not count), the queue moves up.
    await expect(cat.frame.locator('.queue-position')).toHaveText('You are number 2 in the queue.');
    await expect(ann.frame.locator('.queue-position')).toHaveText('You are next.');
    await saveScreenshot(alice.page, 'patron-chats-left', testInfo);
    const scan = await scanForAccessibility(alice.page, 'patron-chats-left', testInfo);
    expect(scan.blocking.map(describe)).toEqual([]);

    // Past the return period nobody has to click anything: the chat ends, counted as missed.
    await expect(row).toHaveCount(0, { timeout: 15_000 });
    await expect(alice.waitingRow('Ann Early')).toBeVisible();
    await expect(alice.waitingRow('Cat Late')).toBeVisible();
    await alice.page.getByRole('tab', { name: 'Transcripts' }).click();
    await expect(alice.page.getByRole('button', { name: 'Ben Middle', exact: true })).toBeVisible();
  });
});

test('a librarian who logs out with chats in progress hands them back; a colleague takes one', async ({
  desk,
}, testInfo) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const bob = await desk.operator('bob');
  await bob.logInOnline();
  const dan = await patronAsks(desk, 'Dan First');
  const eve = await patronAsks(desk, 'Eve Second');
  await alice.claim('Dan First');
  await alice.claim('Eve Second');
  await expect(dan.frame.getByText("You're chatting with Alice")).toBeVisible();

  await alice.page.getByRole('button', { name: 'Log out' }).click();
  const dialog = alice.page.getByRole('alertdialog', { name: 'Chats in progress' });
  await expect(dialog).toContainText('You have 2 chats in progress: hand them back to the queue, or stay.');
  await expect(dialog.getByRole('button', { name: 'Hand back and log out' })).toBeFocused();
  await saveScreenshot(alice.page, 'hand-back-dialog', testInfo);
  const scan = await scanForAccessibility(alice.page, 'hand-back-dialog', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // Escape is Stay: nothing changes.
  await alice.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(alice.page.getByRole('button', { name: 'Log out' })).toBeFocused();
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');

  await alice.page.getByRole('button', { name: 'Log out' }).click();
  await dialog.getByRole('button', { name: 'Hand back and log out' }).click();
  await expect(alice.page.getByRole('button', { name: 'Log in' })).toBeVisible();

  const line = 'Alice had to leave; another librarian will be with you shortly.';
  await expect(dan.log.getByText(line)).toBeVisible();
  await expect(eve.log.getByText(line)).toBeVisible();
  for (const name of ['Dan First', 'Eve Second']) {
    await expect(bob.waitingRow(name).getByText('Returned by Alice')).toBeVisible();
  }
  await saveScreenshot(bob.page, 'patron-chats-returned', testInfo);
  await bob.claim('Dan First');
  await expect(dan.frame.getByText("You're chatting with Bob")).toBeVisible();
  await bob.reply('Hello Dan, I can help from here.');
  await expect(dan.log.getByText('Hello Dan, I can help from here.')).toBeVisible();
});

test.describe('a console that vanishes', () => {
  test.use({ deskbellEnv: { DESKBELL_PRESENCE_GRACE_SECONDS: '3' } });

  test('closed without logging out: after the grace period its chats return to the queue', async ({ desk }) => {
    const alice = await desk.operator('alice');
    await alice.logInOnline();
    const bob = await desk.operator('bob');
    await bob.logInOnline();
    const fay = await patronAsks(desk, 'Fay Patient');
    await alice.claim('Fay Patient');
    await alice.page.close();

    await expect(bob.waitingRow('Fay Patient').getByText('Returned by Alice')).toBeVisible({ timeout: 15_000 });
    await expect(
      fay.log.getByText('Alice lost their connection; another librarian will be with you shortly.'),
    ).toBeVisible();
    await bob.claim('Fay Patient');
    await expect(fay.frame.getByText("You're chatting with Bob")).toBeVisible();
  });
});

test('Away keeps one’s chats but brings no new-chat chirp or pop-up; Online brings them back', async ({ desk }) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  // Bob keeps the desk open (with nobody Online the widget would not take questions at all).
  const bob = await desk.operator('bob');
  await bob.logInOnline();
  const gil = await patronAsks(desk, 'Gil Kept');
  await alice.claim('Gil Kept');
  await alice.setStatus('Away');
  const chirps = async () => (await alice.alerts()).plays.filter((play) => !play.muted && CHIRP.test(play.src)).length;
  const heardBefore = await chirps();

  await patronAsks(desk, 'Hal Unheard');
  await expect(alice.waitingRow('Hal Unheard')).toBeVisible();
  // The chat is listed (Patron Chats is the whole queue), but nothing pops up or chirps for an Away operator.
  await alice.reply('Still with you, Gil.');
  await expect(gil.log.getByText('Still with you, Gil.')).toBeVisible();
  const alerts = await alice.alerts();
  expect(alerts.notifications.filter((shown) => shown.title.includes('Hal Unheard'))).toEqual([]);
  expect(await chirps()).toBe(heardBefore);

  await alice.setStatus('Online');
  await patronAsks(desk, 'Ivy Heard');
  await expect
    .poll(async () => (await alice.alerts()).notifications.filter((shown) => shown.title.includes('Ivy Heard')).length)
    .toBe(1);
  await expect.poll(chirps).toBeGreaterThan(heardBefore);
});
