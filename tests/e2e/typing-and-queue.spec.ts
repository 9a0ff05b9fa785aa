import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { PAT } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

/** Every text frame a page's WebSockets send and receive (the widget's socket lives in its iframe). */
function recordFrames(page: Page): { sent: string[]; received: string[] } {
  const frames = { sent: [] as string[], received: [] as string[] };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => frames.sent.push(String(payload)));
    socket.on('framereceived', ({ payload }) => frames.received.push(String(payload)));
  });
  return frames;
}

test('a patron typing shows "… is typing" to the librarian, never the words before they are sent', async ({
  desk,
}, testInfo) => {
  const alice = await desk.operator('alice');
  // Before logging in, so the recorder sees the console's socket from its start.
  const consoleFrames = recordFrames(alice.page);
  await alice.logInOnline();
  const patron = await desk.patron();
  const widget = recordFrames(patron.page);
  await patron.openPanel();
  await patron.startChat(PAT);
  await alice.claim(PAT.name);
  await expect(patron.frame.getByText("You're chatting with Alice")).toBeVisible();

  const chat = alice.openChat(PAT.name);
  const typing = chat.locator('[data-typing-indicator]');
  await expect(typing).toHaveText('');

  const draft = 'My grandmother lived on Elm Street';
  const box = patron.frame.getByRole('textbox', { name: 'Your message' });
  await box.pressSequentially(draft, { delay: 20 });
  await expect(typing).toHaveText('Pat Reader is typing…');
  await saveScreenshot(alice.page, 'console-patron-typing', testInfo);

  // The words stay in the patron's box: not on the console's page, not on either wire.
  await expect(alice.page.getByText('Elm Street')).toHaveCount(0);
  expect(consoleFrames.received.length).toBeGreaterThan(0);
  expect(consoleFrames.received.filter((frame) => frame.includes('Elm Street'))).toEqual([]);
  expect(widget.sent.filter((frame) => frame.includes('Elm Street'))).toEqual([]);
  expect(widget.sent.some((frame) => frame.includes('chat:typing'))).toBe(true);

  await box.press('Enter');
  await expect(alice.messages.getByText(draft)).toBeVisible();
  // The message ends the typing line at once, and now (only now) the words crossed the wire.
  await expect(typing).toHaveText('');
  expect(consoleFrames.received.some((frame) => frame.includes('Elm Street'))).toBe(true);
});

test('a librarian previewing a waiting chat sees the patron typing, before claiming it', async ({ desk }) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const patron = await desk.patron();
  await patron.openPanel();
  await patron.startChat(PAT);

  // Clicking the patron's name previews the chat; the patron is not told.
  await alice.waitingRow(PAT.name).getByRole('button', { name: PAT.name, exact: true }).click();
  const preview = alice.openChat(PAT.name);
  await expect(preview.getByRole('button', { name: 'Claim Chat' })).toBeVisible();

  await patron.frame
    .getByRole('textbox', { name: 'Your message' })
    .pressSequentially('The one from 1902', { delay: 20 });
  await expect(preview.locator('[data-typing-indicator]')).toHaveText('Pat Reader is typing…');
  await expect(alice.page.getByText('The one from 1902')).toHaveCount(0);
});

test('a librarian typing shows "Alice is typing…" in the widget until she sends or clears her reply', async ({
  desk,
}) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const patron = await desk.patron();
  const widget = recordFrames(patron.page);
  await patron.openPanel();
  await patron.startChat(PAT);
  await alice.claim(PAT.name);
  await expect(patron.frame.getByText("You're chatting with Alice")).toBeVisible();

  const typing = patron.frame.locator('[data-typing-indicator]');
  await expect(typing).toHaveText('');
  const reply = alice.page.getByRole('textbox', { name: 'Reply' });
  await reply.pressSequentially('Let me check the catalogue', { delay: 20 });
  await expect(typing).toHaveText('Alice is typing…');
  // Not part of the conversation, and not the words.
  await expect(patron.log.getByText('Alice is typing…')).toHaveCount(0);
  await expect(patron.frame.getByText('Let me check the catalogue')).toHaveCount(0);
  expect(widget.received.filter((frame) => frame.includes('catalogue'))).toEqual([]);

  // She changes her mind and empties the box: the line goes.
  await reply.fill('');
  await expect(typing).toHaveText('');

  await reply.pressSequentially('The atlases are on floor 2.', { delay: 10 });
  await expect(typing).toHaveText('Alice is typing…');
  await reply.press('Enter');
  await expect(patron.log.getByText('The atlases are on floor 2.')).toBeVisible();
  await expect(typing).toHaveText('');
});

test('two patrons wait: the second is told they are number 2, then next once the first is claimed', async ({
  desk,
}, testInfo) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();

  const first = await desk.patron();
  await first.openPanel();
  await first.startChat(PAT);
  await expect(first.frame.getByRole('status').filter({ hasText: 'You are next.' })).toBeVisible();

  const second = await desk.patron();
  await second.openPanel();
  await second.startChat({ question: 'Can I renew a book by phone?', name: 'Sam Rivera' });
  const place = second.frame.locator('.queue-position');
  await expect(place).toHaveText('You are number 2 in the queue.');
  await expect(place).toHaveAttribute('role', 'status');
  // The first patron's place did not move when someone queued behind them.
  await expect(first.frame.locator('.queue-position')).toHaveText('You are next.');
  await saveScreenshot(second.page, 'widget-queue-position', testInfo);

  await alice.claim(PAT.name);
  await expect(place).toHaveText('You are next.');
  await expect(first.frame.getByText("You're chatting with Alice")).toBeVisible();
  // A claimed chat is no longer in the queue: its place is gone.
  await expect(first.frame.locator('.queue-position')).toHaveCount(0);
});
