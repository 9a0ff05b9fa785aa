import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { ask, connectOperator, connectPatron, dataOf, login } from '../support/clients';
import { expect, test } from './support/fixtures';
import { describe, scanForAccessibility } from './support/axe-scan';
import type { OperatorConsole } from './support/operator-console';
import { claimedChat } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

/** The console's message sound (assets/sounds/message.wav, hashed by the build); the chirp is another file. */
const MESSAGE_SOUND = /\/console\/assets\/message[^/]*\.wav$/;

/** Unmuted plays of the message sound (logging in plays it once, muted, to unlock sound). */
async function messageSounds(operator: OperatorConsole): Promise<number> {
  const { plays } = await operator.alerts();
  return plays.filter((play) => MESSAGE_SOUND.test(play.src) && !play.muted).length;
}

function myChatRow(page: Page, patronName: string) {
  return page
    .getByRole('list', { name: 'My chats' })
    .locator('li[data-chat-id]')
    .filter({ has: page.getByRole('button', { name: patronName, exact: true }) });
}

function operatorRow(page: Page, name: string) {
  return page
    .getByRole('list', { name: 'Operators' })
    .locator('li[data-operator-id]')
    .filter({ has: page.getByRole('button', { name, exact: true }) });
}

test('a patron writing in a chat that is not on screen shows as unread with its own sound, until it is read, also after a reload', async ({
  desk,
}, testInfo) => {
  const { alice, patron: pat, patronName: patName } = await claimedChat(desk);
  // A second patron: Alice answers her, so Pat's chat is no longer on screen.
  const sam = await desk.patron();
  await sam.openPanel();
  await sam.startChat({ question: 'Can I renew a book by phone?', name: 'Sam Visitor' });
  await alice.claim('Sam Visitor');
  await expect(alice.openChat('Sam Visitor')).toBeVisible();

  await pat.send('Are the atlases on the open shelves?');
  await pat.send('Or do I need to ask at the desk? مرحبا');
  const patRow = myChatRow(alice.page, patName);
  await expect(patRow).toHaveAttribute('data-unread', '2');
  await expect(patRow.locator('.unread-count')).toHaveText('2 unread');
  await expect(patRow.locator('.last-words')).toHaveText('Or do I need to ask at the desk? مرحبا');
  await expect(patRow.locator('.last-words')).toHaveAttribute('dir', 'auto');
  // The chat on screen has nothing unread; the title counts what waits for Alice.
  await expect(myChatRow(alice.page, 'Sam Visitor')).toHaveAttribute('data-unread', '0');
  await expect(alice.page).toHaveTitle('(2) Deskbell');
  // The message sound, not the chirp; two messages close together sound once.
  await expect.poll(() => messageSounds(alice)).toBe(1);

  await saveScreenshot(alice.page, 'console-unread-my-chats', testInfo);
  const scan = await scanForAccessibility(alice.page, 'console-unread-my-chats', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // Unread survives a reload: the server keeps Alice's read marks.
  await alice.page.reload();
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');
  await expect(patRow).toHaveAttribute('data-unread', '2');

  // Opening the chat reads it: the count goes, here and after another reload.
  await patRow.getByRole('button', { name: patName, exact: true }).click();
  await expect(alice.openChat(patName)).toBeVisible();
  await expect(patRow).toHaveAttribute('data-unread', '0');
  await expect(patRow.locator('.unread-count')).toHaveCount(0);
  await expect(alice.page).toHaveTitle('Deskbell');
  await alice.page.reload();
  await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');
  await expect(myChatRow(alice.page, patName)).toHaveAttribute('data-unread', '0');
  await expect(alice.page).toHaveTitle('Deskbell');
});

test('a colleague’s briefing in a staff chat shows as unread on the Operators list with the message sound, and goes once read', async ({
  desk,
}, testInfo) => {
  const { alice, patronName } = await claimedChat(desk);
  const bob = await desk.operator('bob');
  await bob.logInOnline();

  // Alice briefs Bob with the bubble in Add Participants, as before a transfer.
  const participants = await alice.openAddParticipants(patronName);
  await participants.getByRole('button', { name: 'Brief Bob' }).click();
  await expect(alice.page.getByRole('region', { name: 'Staff chat with Bob' })).toBeVisible();
  await alice.reply('Pat needs the 1890s county atlases; can you take this one?');

  const aliceRow = operatorRow(bob.page, 'Alice');
  await expect(aliceRow).toHaveAttribute('data-unread', '1');
  await expect(aliceRow.locator('.last-words')).toHaveText(
    'Pat needs the 1890s county atlases; can you take this one?',
  );
  await expect(bob.page).toHaveTitle('(1) Deskbell');
  await expect.poll(() => messageSounds(bob)).toBe(1);
  // Alice wrote it herself: nothing unread for her.
  await expect(operatorRow(alice.page, 'Bob')).toHaveAttribute('data-unread', '0');

  await saveScreenshot(bob.page, 'console-unread-staff-chat', testInfo);
  const scan = await scanForAccessibility(bob.page, 'console-unread-staff-chat', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // Bob opens the staff chat: read, and still read after a reload.
  await aliceRow.getByRole('button', { name: 'Alice', exact: true }).click();
  await expect(bob.page.getByRole('region', { name: 'Staff chat with Alice' })).toBeVisible();
  await expect(aliceRow).toHaveAttribute('data-unread', '0');
  await expect(bob.page).toHaveTitle('Deskbell');
  await bob.page.reload();
  await expect(bob.connection).toHaveAttribute('data-connection-state', 'connected');
  await expect(operatorRow(bob.page, 'Alice')).toHaveAttribute('data-unread', '0');
  // Its last words stay, without a count.
  await expect(operatorRow(bob.page, 'Alice').locator('.last-words')).toHaveText(
    'Pat needs the 1890s county atlases; can you take this one?',
  );
});

test('a librarian who turns off the sound for staff messages still sees the count, and hears nothing', async ({
  desk,
}) => {
  const alice = await desk.operator('alice');
  await alice.logIn();
  const bob = await desk.operator('bob');
  await bob.logIn();
  await bob.page.getByRole('button', { name: 'Settings' }).click();
  const staffSound = bob.page.getByRole('checkbox', { name: 'Sound for staff chat messages and briefings' });
  await expect(staffSound).toBeChecked();
  await expect(bob.page.getByRole('checkbox', { name: 'Sound for a new message in another chat' })).toBeChecked();
  await staffSound.uncheck();
  await bob.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(bob.page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await bob.page.getByRole('button', { name: 'Back to chats' }).click();

  await operatorRow(alice.page, 'Bob').getByRole('button', { name: 'Bob', exact: true }).click();
  await alice.reply('Are you free for the 3 pm shift?');
  await expect(operatorRow(bob.page, 'Alice')).toHaveAttribute('data-unread', '1');
  await bob.page.reload();
  await expect(operatorRow(bob.page, 'Alice')).toHaveAttribute('data-unread', '1');
  await alice.reply('No rush.');
  await expect(operatorRow(bob.page, 'Alice')).toHaveAttribute('data-unread', '2');
  expect(await messageSounds(bob)).toBe(0);
});

test('a chat read in one window of the librarian’s stops counting as unread in her other window', async ({ desk }) => {
  const { alice, patron: pat, patronName: patName } = await claimedChat(desk);
  const aliceAtTheDesk = await desk.operator('alice');
  await aliceAtTheDesk.logIn();
  // In the first window she has gone to Settings: Pat's chat is not on screen anywhere.
  await alice.page.getByRole('button', { name: 'Settings' }).click();
  await pat.send('Are the atlases on the open shelves?');
  const elsewhere = myChatRow(aliceAtTheDesk.page, patName);
  await expect(elsewhere).toHaveAttribute('data-unread', '1');
  await expect(aliceAtTheDesk.page).toHaveTitle('(1) Deskbell');
  await expect(alice.page).toHaveTitle('(1) Deskbell');

  await alice.page.getByRole('button', { name: 'Back to chats' }).click();
  await expect(myChatRow(alice.page, patName)).toHaveAttribute('data-unread', '0');
  await expect(elsewhere).toHaveAttribute('data-unread', '0');
  await expect(aliceAtTheDesk.page).toHaveTitle('Deskbell');
});

declare global {
  interface Window {
    /** Set by the test: the console's tab is in the background (document hidden, window not focused). */
    __deskbellHide?: (hidden: boolean) => void;
  }
}

/** Runs in the page before its scripts: lets the test put the console's tab in the background and back. */
function installBackgroundSwitch(blockNotifications: boolean): void {
  let hidden = false;
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
  document.hasFocus = () => !hidden;
  window.__deskbellHide = (next) => {
    hidden = next;
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event(next ? 'blur' : 'focus'));
  };
  if (blockNotifications && typeof Notification === 'function') {
    // What a librarian who once clicked "Block" has: the browser refuses, and says so.
    Object.defineProperty(Notification, 'permission', { get: () => 'denied' });
    Notification.requestPermission = () => Promise.resolve('denied');
  }
}

const hide = (operator: OperatorConsole, hidden: boolean) =>
  operator.page.evaluate((next) => window.__deskbellHide?.(next), hidden);

test('while the console is in the background a patron’s message raises a notification, and the chat on screen is read once she is back', async ({
  desk,
}) => {
  const alice = await desk.operator('alice', async (context) => {
    await context.addInitScript(installBackgroundSwitch, false);
  });
  await alice.logInOnline();
  const pat = await desk.patron();
  await pat.openPanel();
  await pat.startChat({ question: 'Where are the county atlases?', name: 'Pat Reader' });
  await alice.claim('Pat Reader');

  await hide(alice, true);
  await pat.send('Are they on the open shelves?');
  await expect
    .poll(async () => (await alice.alerts()).notifications.filter((shown) => shown.tag.startsWith('deskbell-message')))
    .toEqual([
      { title: 'New message from Pat Reader', body: 'Are they on the open shelves?', tag: expect.any(String) },
    ]);
  // Not read while nobody looks, even though the chat is open.
  const patRow = myChatRow(alice.page, 'Pat Reader');
  await expect(patRow).toHaveAttribute('data-unread', '1');
  await expect(alice.page).toHaveTitle('(1) Deskbell');
  await expect(alice.page.locator('[data-notifications]')).toHaveCount(0);

  // Back at the desk, the chat on screen is read.
  await hide(alice, false);
  await expect(patRow).toHaveAttribute('data-unread', '0');
  await expect(alice.page).toHaveTitle('Deskbell');
});

test('where the browser blocks notifications the console says so and shows its own alert, with Open chat', async ({
  desk,
}, testInfo) => {
  const alice = await desk.operator('alice', async (context) => {
    await context.addInitScript(installBackgroundSwitch, true);
  });
  await alice.logInOnline();
  await expect(alice.page.getByRole('note').filter({ hasText: 'Notifications are blocked' })).toHaveText(
    'Notifications are blocked in this browser: Deskbell shows its alerts inside the page.',
  );
  const pat = await desk.patron();
  await pat.openPanel();
  await pat.startChat({ question: 'Where are the county atlases?', name: 'Pat Reader' });
  await alice.claim('Pat Reader');
  const sam = await desk.patron();
  await sam.openPanel();
  await sam.startChat({ question: 'Can I renew a book by phone?', name: 'Sam Visitor' });
  await alice.claim('Sam Visitor');

  await hide(alice, true);
  await pat.send('Are they on the open shelves?');
  const alerts = alice.page.getByRole('region', { name: 'Alerts' });
  const alert = alerts.getByRole('listitem').filter({ hasText: 'New message from Pat Reader' });
  await expect(alert).toContainText('Are they on the open shelves?');
  await hide(alice, false);
  await saveScreenshot(alice.page, 'console-in-page-alert', testInfo);
  const scan = await scanForAccessibility(alice.page, 'console-in-page-alert', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  await alert.getByRole('button', { name: 'Open chat' }).click();
  await expect(alice.openChat('Pat Reader')).toBeVisible();
  await expect(alert).toHaveCount(0);
  await expect(myChatRow(alice.page, 'Pat Reader')).toHaveAttribute('data-unread', '0');
});

test.describe('a busy desk', () => {
  // Fifty chats from one test machine: more than one network address may start in a minute by default.
  test.use({ deskbellEnv: { DESKBELL_LIMIT_CHAT_STARTS_PER_MINUTE: '200' } });

  test('at the start of a shift three waiting chats are all on screen, not one of them behind a scroll', async ({
    desk,
    deskbell,
  }) => {
    for (const name of ['Ruth Ames', 'Ben Okafor', 'Carla Diaz']) {
      const patron = await connectPatron(deskbell.url);
      dataOf(
        await ask(patron, 'chat:start', {
          departmentId: 'general-reference',
          question: `A question from ${name}`,
          name,
        }),
      );
    }
    const alice = await desk.operator('alice');
    await alice.logIn();
    await expect(alice.patronChats.locator('li[data-chat-id]')).toHaveCount(3);
    // Nothing under My chats: Patron Chats has that room too (a fixed share hid the third row).
    for (const name of ['Ruth Ames', 'Ben Okafor', 'Carla Diaz']) {
      await expect(alice.waitingRow(name)).toBeInViewport({ ratio: 0.95 });
    }
    await expect(alice.page.getByRole('list', { name: 'Operators' })).toBeInViewport();
  });

  test('with fifty chats the counter and the Operators list stay in reach, and each section folds away', async ({
    desk,
    deskbell,
  }, testInfo) => {
    const WAITING = 30;
    const MINE = 20;
    const { token } = await login(deskbell.url, 'alice');
    const aliceSocket = await connectOperator(deskbell.url, { token });
    for (let index = 0; index < WAITING + MINE; index++) {
      const patron = await connectPatron(deskbell.url);
      const name = `Patron ${String(index + 1).padStart(2, '0')}`;
      const { chat } = dataOf(
        await ask(patron, 'chat:start', { departmentId: 'general-reference', question: `Question ${index + 1}`, name }),
      );
      if (index >= WAITING) {
        dataOf(await ask(aliceSocket, 'chat:claim', { chatId: chat.id }));
        dataOf(await ask(patron, 'chat:send', { id: randomUUID(), body: `Still there? (${name})` }));
      }
    }
    aliceSocket.disconnect();

    const alice = await desk.operator('alice');
    await alice.logIn();
    const counter = alice.page.getByRole('region', { name: 'Chat counter' });
    const operators = alice.page.getByRole('list', { name: 'Operators' });
    await expect(alice.patronChats.locator('li[data-chat-id]').first()).toHaveAttribute(
      'aria-setsize',
      String(WAITING),
    );
    await expect(
      alice.page.getByRole('list', { name: 'My chats' }).locator('li[data-chat-id]').first(),
    ).toHaveAttribute('data-unread', '1');
    await expect(alice.page).toHaveTitle(`(${WAITING + MINE}) Deskbell`);
    // Nothing scrolled: both ends of the column are on screen.
    await expect(counter).toBeInViewport();
    await expect(operators).toBeInViewport();
    await saveScreenshot(alice.page, 'console-left-column-fifty-chats', testInfo);

    // Folding Patron Chats away: the disclosure says so, the list goes, and what waits is still said.
    const fold = alice.page.getByRole('button', { name: 'Patron Chats' });
    await expect(fold).toHaveAttribute('aria-expanded', 'true');
    await fold.click();
    await expect(fold).toHaveAttribute('aria-expanded', 'false');
    await expect(alice.patronChats).toBeHidden();
    await expect(alice.page.getByRole('heading', { name: /Patron Chats/ })).toContainText(`${WAITING} waiting`);
    const scan = await scanForAccessibility(alice.page, 'console-left-column-folded', testInfo);
    expect(scan.blocking.map(describe)).toEqual([]);
    await fold.click();
    await expect(alice.patronChats).toBeVisible();
  });
});
