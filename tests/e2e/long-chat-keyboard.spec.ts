import { randomUUID } from 'node:crypto';
import { expect, test } from './support/fixtures';
import { ask, connectOperator, connectPatron, dataOf, login, type OperatorClient } from '../support/clients';

const MESSAGES = 600;
const ALICE_SOCKETS = 6;
const PATRON = 'Keyboard Reader';
const FIRST = 'Message 1 of the long chat.';
const NEWEST = 'The newest message, at the bottom.';

test.use({
  deskbellEnv: {
    DESKBELL_LIMIT_SOCKET_EVENTS_BURST: '100000',
    DESKBELL_LIMIT_SOCKET_EVENTS_PER_SECOND: '100000',
  },
});

/** A claimed chat of `MESSAGES` messages from alice's sockets; every seventh wraps over several lines. */
async function longChat(url: string): Promise<void> {
  const { token } = await login(url, 'alice');
  const patron = await connectPatron(url);
  const { chat } = dataOf(
    await ask(patron, 'chat:start', { departmentId: 'general-reference', question: 'Local history?', name: PATRON }),
  );
  const alice = await Promise.all(Array.from({ length: ALICE_SOCKETS }, () => connectOperator(url, { token })));
  dataOf(await ask(alice[0] as OperatorClient, 'chat:claim', { chatId: chat.id }));
  const bodies = Array.from({ length: MESSAGES - 1 }, (_, index) =>
    index === 0
      ? FIRST
      : `Message ${index + 1} about the mill.${index % 7 === 3 ? ' It wraps over several lines of the log.'.repeat(8) : ''}`,
  );
  // In order per socket; the sockets' shares interleave, which is fine for reading.
  const queues = alice.map((_, socket) => bodies.filter((_, index) => index % ALICE_SOCKETS === socket));
  await Promise.all(
    queues.map(async (queue, socket) => {
      for (const body of queue)
        dataOf(await ask(alice[socket] as OperatorClient, 'chat:send', { chatId: chat.id, id: randomUUID(), body }));
    }),
  );
  dataOf(await ask(alice[0] as OperatorClient, 'chat:send', { chatId: chat.id, id: randomUUID(), body: NEWEST }));
  for (const socket of alice) socket.disconnect();
  patron.disconnect();
}

test('in a long chat the keyboard reaches the first message with Home, the newest with End, and PageUp moves a page at a time', async ({
  desk,
  deskbell,
}) => {
  test.setTimeout(120_000);
  await longChat(deskbell.url);
  const alice = await desk.operator('alice');
  await alice.logIn();
  await alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: PATRON, exact: true }).click();
  const log = alice.messages;
  const first = log.locator('li[data-seq]').filter({ hasText: FIRST });
  const newest = log.locator('li[data-seq]').filter({ hasText: NEWEST });
  await expect(newest).toBeInViewport();

  await log.focus();
  await alice.page.keyboard.press('Home');
  await expect(first).toBeInViewport();
  await expect.poll(() => log.evaluate((element) => element.scrollTop)).toBe(0);

  await alice.page.keyboard.press('End');
  await expect(newest).toBeInViewport();
  await expect(log).toBeFocused();

  // Each PageUp moves most of a page up: none of it is taken back as the rows it reveals are measured.
  const height = await log.evaluate((element) => element.clientHeight);
  const bottom = await log.evaluate((element) => element.scrollTop);
  for (let press = 0; press < 4; press++) await alice.page.keyboard.press('PageUp');
  await expect
    .poll(() => log.evaluate((element) => element.scrollTop))
    .toBeLessThanOrEqual(Math.round(bottom - 4 * height * 0.8));
  await alice.page.keyboard.press('PageDown');
  await expect(newest).not.toBeInViewport();
});

test('New messages takes the operator down to the newest one and leaves the focus in the log', async ({
  desk,
  deskbell,
}) => {
  test.setTimeout(120_000);
  await longChat(deskbell.url);
  const alice = await desk.operator('alice');
  await alice.logIn();
  await alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: PATRON, exact: true }).click();
  const log = alice.messages;
  await expect(log.locator('li[data-seq]').filter({ hasText: NEWEST })).toBeInViewport();
  await log.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
  await alice.reply('A reply of my own while reading above.');
  // Her own reply took her down; now someone else writes while she reads above again.
  await log.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
  const { token } = await login(deskbell.url, 'alice');
  const other = await connectOperator(deskbell.url, { token });
  const chatId = await log.evaluate((element) => element.closest('[data-chat-id]')?.getAttribute('data-chat-id'));
  dataOf(
    await ask(other, 'chat:send', { chatId: chatId as string, id: randomUUID(), body: 'Sent from her other window.' }),
  );
  const jump = alice.page.getByRole('button', { name: 'New messages' });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(log.locator('li[data-seq]').filter({ hasText: 'Sent from her other window.' })).toBeInViewport();
  await expect(jump).toBeHidden();
  await expect(log).toBeFocused();
  other.disconnect();
});
