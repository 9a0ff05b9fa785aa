import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';
import {
  ask,
  connectOperator,
  connectPatron,
  dataOf,
  login,
  type OperatorClient,
  type PatronClient,
} from '../support/clients';

/** Long enough that rendering every message would put ~9,000 elements on the page. */
const MESSAGES = 1500;
/** Alice writes from a few sockets at once: each has its own event budget on the server. */
const ALICE_SOCKETS = 10;
const FAR_ABOVE = 'The 1794 parish map is in the map room, drawer 12.';
const PATRON = 'Long Chat Patron';

// Where the server reads these, filling is quick; otherwise the fill waits out the per-socket limit.
test.use({
  deskbellEnv: {
    DESKBELL_LIMIT_SOCKET_EVENTS_BURST: '100000',
    DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000',
    // Forty patrons all come from 127.0.0.1 here.
    DESKBELL_LIMIT_SOCKETS_PER_ADDRESS: '1000',
    DESKBELL_LIMIT_CONNECTIONS_PER_MINUTE: '1000',
    DESKBELL_LIMIT_CHAT_STARTS_PER_MINUTE: '1000',
  },
});

type Writer = { patron: PatronClient } | { operator: OperatorClient };

/** Sends and, when the server says RATE_LIMITED, waits for the budget and sends the same message (same id) again. */
async function send(writer: Writer, chatId: string, body: string): Promise<void> {
  const id = randomUUID();
  for (;;) {
    const ack =
      'operator' in writer
        ? await ask(writer.operator, 'chat:send', { chatId, id, body })
        : await ask(writer.patron, 'chat:send', { id, body });
    if (ack.ok) return;
    if (ack.error.code !== 'RATE_LIMITED') throw new Error(`${ack.error.code}: ${ack.error.message}`);
    await new Promise((wait) => setTimeout(wait, 1_000));
  }
}

/**
 * A patron asks, alice claims from her own sockets, and the two write
 * `MESSAGES` messages, some long enough to wrap; `FAR_ABOVE` is the 40th.
 * The patron's socket stays open to write more during the test.
 */
async function longChat(url: string): Promise<{ patron: PatronClient; chatId: string }> {
  const { token } = await login(url, 'alice');
  const patron = await connectPatron(url);
  const started = dataOf(
    await ask(patron, 'chat:start', { departmentId: 'general-reference', question: 'Old maps?', name: PATRON }),
  );
  const chatId = started.chat.id;
  const alice = await Promise.all(Array.from({ length: ALICE_SOCKETS }, () => connectOperator(url, { token })));
  dataOf(await ask(alice[0] as OperatorClient, 'chat:claim', { chatId }));
  const bodies = Array.from({ length: MESSAGES - 1 }, (_, index) =>
    index === 39
      ? FAR_ABOVE
      : `Message ${index + 1} about the map collection.${index % 9 === 4 ? ' It wraps over several lines.'.repeat(12) : ''}`,
  );
  // The patron writes every 50th (within its burst), alice the rest, round-robin over her sockets, in order per socket.
  const writers: Writer[] = [{ patron }, ...alice.map((operator) => ({ operator }))];
  const queues = new Map<Writer, string[]>();
  bodies.forEach((body, index) => {
    const writer = (index % 50 === 0 ? writers[0] : writers[1 + (index % ALICE_SOCKETS)]) as Writer;
    queues.set(writer, [...(queues.get(writer) ?? []), body]);
  });
  await Promise.all(
    [...queues].map(async ([writer, queue]) => {
      for (const body of queue) await send(writer, chatId, body);
    }),
  );
  await send(writers[1] as Writer, chatId, 'The newest message, at the bottom.');
  for (const socket of alice) socket.disconnect();
  return { patron, chatId };
}

const elementCount = (page: Page) => page.evaluate(() => document.querySelectorAll('*').length);

test('a long chat renders only what is on screen, finds a message far above, and stays put when one arrives while scrolled up', async ({
  desk,
  deskbell,
}, testInfo) => {
  test.setTimeout(120_000);
  const { patron, chatId } = await longChat(deskbell.url);
  const alice = await desk.operator('alice');
  await alice.logIn();

  await alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: PATRON, exact: true }).click();
  const log = alice.messages;
  await expect(log).toHaveAttribute('aria-live', 'polite');
  const newest = log.locator('li[data-seq]').filter({ hasText: 'The newest message, at the bottom.' });
  await expect(newest).toBeInViewport();
  // Only the rows on screen (and a few either side) are in the DOM, however long the chat.
  expect(await log.locator('li[data-seq]').count()).toBeLessThan(60);
  expect(await elementCount(alice.page)).toBeLessThan(1400);
  await alice.page.screenshot({ path: testInfo.outputPath('long-chat.png') });
  await saveScreenshot(alice.page, 'console-long-chat', testInfo);

  // The find box searches the whole chat, not only the rendered rows.
  const find = alice.page.getByRole('searchbox', { name: 'Find in chat' });
  await find.fill('parish map');
  await expect(alice.page.locator('[data-find-count]')).toHaveText('1 of 1');
  const match = log.locator('mark[data-find-current]');
  await expect(match).toHaveText('parish map');
  await expect(match).toBeInViewport();
  await expect(log.locator('li[data-seq]').filter({ hasText: FAR_ABOVE })).toBeInViewport();
  await expect(newest).not.toBeInViewport();
  // Two matches: Enter moves on and the count follows.
  await find.fill('wraps over');
  await expect(alice.page.locator('[data-find-count]')).toHaveText(/^1 of \d+$/);
  await find.press('Enter');
  await expect(alice.page.locator('[data-find-count]')).toHaveText(/^2 of \d+$/);
  await expect(log.locator('mark[data-find-current]')).toBeInViewport();
  await find.fill('parish map');
  await expect(log.locator('li[data-seq]').filter({ hasText: FAR_ABOVE })).toBeInViewport();
  await alice.page.screenshot({ path: testInfo.outputPath('long-chat-find.png') });
  await saveScreenshot(alice.page, 'console-long-chat-find', testInfo);

  // A new message while alice reads far above: the view stays where it is, a button offers the way down.
  const farAbove = log.locator('li[data-seq]').filter({ hasText: FAR_ABOVE });
  const before = await farAbove.boundingBox();
  const scrollTop = await log.evaluate((element) => element.scrollTop);
  await send({ patron }, chatId, 'Are you still there? I found another map.');
  const jump = alice.page.getByRole('button', { name: 'New messages' });
  await expect(jump).toBeVisible();
  // In the DOM (the log announces it to screen readers) but not in view.
  const arrived = log.locator('li[data-seq]').filter({ hasText: 'I found another map.' });
  await expect(arrived).toHaveCount(1);
  await expect(arrived).not.toBeInViewport();
  expect(await log.evaluate((element) => element.scrollTop)).toBe(scrollTop);
  expect((await farAbove.boundingBox())?.y).toBe(before?.y);
  await alice.page.screenshot({ path: testInfo.outputPath('long-chat-new-messages.png') });

  await jump.click();
  await expect(arrived).toBeInViewport();
  await expect(jump).toBeHidden();
  expect(await elementCount(alice.page)).toBeLessThan(1400);
  expect(chatId).toBeTruthy();
});

test('a long queue under Patron Chats renders only the rows in view, and keeps the row a keyboard user is on', async ({
  desk,
  deskbell,
}, testInfo) => {
  const WAITING = 40;
  for (let index = 0; index < WAITING; index++) {
    const patron = await connectPatron(deskbell.url);
    const name = `Waiting Patron ${String(index + 1).padStart(2, '0')}`;
    dataOf(
      await ask(patron, 'chat:start', { departmentId: 'general-reference', question: `Question ${index + 1}`, name }),
    );
  }
  const alice = await desk.operator('alice');
  await alice.logIn();
  const rows = alice.patronChats.locator('li[data-chat-id]');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(WAITING));
  expect(await rows.count()).toBeLessThan(WAITING);

  // The keyboard: Tab reaches the first row's buttons; that row stays while the list scrolls far away from it.
  const first = rows.first();
  const firstName = await first.getByRole('button').first().innerText();
  await first.getByRole('button').first().focus();
  const list = alice.page.locator('.patron-chats .virtual-rows');
  await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(rows.last()).toHaveAttribute('aria-posinset', String(WAITING));
  await expect(alice.page.locator(':focus')).toHaveText(firstName);
  await alice.page.screenshot({ path: testInfo.outputPath('long-queue.png') });

  // Every waiting chat is still there to click, the last one included.
  await rows.last().getByRole('button').first().click();
  await expect(alice.page.getByRole('region', { name: /^Waiting Patron/ })).toBeVisible();
});
