import { describe, scanForAccessibility } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import { claimedChat, PAT } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

test('a returning patron’s earlier chat shows under Patron info and opens its transcript', async ({
  desk,
}, testInfo) => {
  // Pat's first chat: Alice answers it and ends it.
  const { alice, patron } = await claimedChat(desk);
  await alice.reply('The atlases are in the map room, drawer 12.');
  await patron.send('Found them, thank you!');
  await expect(alice.messages.getByText('Found them, thank you!')).toBeVisible();
  await alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' }).click();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });
  await analytics.getByRole('button', { name: 'Later' }).click();
  await expect(analytics).toBeHidden();
  await expect(patron.frame.getByRole('heading', { name: 'This chat has ended' })).toBeVisible();

  // Pat comes back from another browser with the same email and asks something else.
  const returning = await desk.patron();
  await returning.openPanel();
  const secondQuestion = 'Can I renew the atlas I borrowed from the map room?';
  await returning.startChat({ question: secondQuestion, name: PAT.name, email: PAT.email });
  await alice.claim(PAT.name);

  const chat = alice.openChat(PAT.name);
  await chat.getByRole('tab', { name: 'Patron info' }).click();
  await expect(chat.getByRole('heading', { name: 'Earlier chats' })).toBeVisible();
  const earlier = chat.getByRole('list', { name: 'Earlier chats' });
  const rows = earlier.locator('li[data-chat-id]');
  await expect(rows).toHaveCount(1);
  const firstChatId = await rows.first().getAttribute('data-chat-id');
  expect(firstChatId).toBeTruthy();
  expect(firstChatId).not.toBe(await chat.getAttribute('data-chat-id'));
  await expect(rows.first()).toHaveAttribute('data-match', 'email');
  await expect(rows.first()).toContainText('General Reference');
  await expect(rows.first()).toContainText('Answered by Alice');
  await expect(rows.first()).toContainText('Recognised by the same email');
  await expect(rows.first().locator('time')).toHaveCount(1);
  await saveScreenshot(alice.page, 'console-patron-history', testInfo);
  const scan = await scanForAccessibility(alice.page, 'console-patron-history', testInfo);
  expect(scan.blocking.map(describe)).toEqual([]);

  // The link opens the first chat's transcript, read back from the server.
  await earlier.getByRole('button', { name: PAT.question, exact: true }).click();
  const transcript = alice.page.getByRole('region', { name: `Transcript: ${PAT.name}` });
  await expect(transcript).toHaveAttribute('data-chat-id', firstChatId!);
  await expect
    .poll(() =>
      transcript.getByRole('log', { name: 'Transcript' }).locator('li[data-seq] .message-body').allInnerTexts(),
    )
    .toEqual([
      'Alice has joined the chat.',
      'The atlases are in the map room, drawer 12.',
      'Found them, thank you!',
      'Alice ended the chat.',
    ]);
  await expect(transcript.getByText(PAT.question)).toBeVisible();
  await expect(transcript.getByText(secondQuestion)).toHaveCount(0);

  // Back to the chat being answered: still on Patron info, the patron still there.
  await transcript.getByRole('button', { name: `Back to the chat with ${PAT.name}` }).click();
  await expect(chat.getByRole('tab', { name: 'Patron info' })).toHaveAttribute('aria-selected', 'true');
  await expect(chat.getByRole('list', { name: 'Earlier chats' }).locator('li[data-chat-id]')).toHaveCount(1);
});

test('a patron who starts a new chat in the same browser, without an email, is recognised by the browser', async ({
  desk,
}) => {
  const { alice, patron, patronName } = await claimedChat(desk, { question: 'Where are the tax forms?' });
  expect(patronName).toMatch(/^Patron \d{4}$/);
  await alice.openChat(patronName).getByRole('button', { name: 'End Chat' }).click();
  await alice.page.getByRole('dialog', { name: 'Analytics' }).getByRole('button', { name: 'Later' }).click();
  await expect(patron.frame.getByRole('heading', { name: 'This chat has ended' })).toBeVisible();

  // "Start a new chat" in the same widget: the browser's previous chat goes with the new start.
  await patron.frame.getByRole('button', { name: 'Start a new chat' }).click();
  await patron.startChat({ question: 'And the library card application?' });
  const newRow = alice.patronChats.locator('li[data-chat-id]').filter({ hasText: 'And the library card application?' });
  // Each chat of an unnamed patron has its own label, drawn from its id.
  const newName = await newRow.locator('button.patron-name').innerText();
  expect(newName).toMatch(/^Patron \d{4}$/);
  await newRow.getByRole('button', { name: 'Claim Chat' }).click();

  const chat = alice.page.getByRole('region', { name: newName, exact: true });
  await expect(chat).toContainText('And the library card application?');
  await chat.getByRole('tab', { name: 'Patron info' }).click();
  const rows = chat.getByRole('list', { name: 'Earlier chats' }).locator('li[data-chat-id]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-match', 'browser');
  await expect(rows.first()).toContainText('Where are the tax forms?');
  await expect(rows.first()).toContainText('Recognised by the same browser');
});
