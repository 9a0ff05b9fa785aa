import { expect, test } from './support/fixtures';

test('a patron without a name is the same "Patron NNNN" in Patron Chats, the chat, My chats, the analytics and the transcript', async ({
  desk,
}) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const first = await desk.patron();
  await first.openPanel();
  await first.startChat({ question: 'Where are the tax forms?' });
  const second = await desk.patron();
  await second.openPanel();
  await second.startChat({ question: 'Do you have a notary?' });

  const rowOf = (question: string) => alice.patronChats.locator('li[data-chat-id]').filter({ hasText: question });
  const label = await rowOf('Where are the tax forms?').locator('button.patron-name').innerText();
  const other = await rowOf('Do you have a notary?').locator('button.patron-name').innerText();
  expect(label).toMatch(/^Patron \d{4}$/);
  expect(other).toMatch(/^Patron \d{4}$/);
  // Two unnamed patrons waiting at once are told apart.
  expect(other).not.toBe(label);
  // The new-chat announcement names them the same way.
  await expect(alice.page.getByTestId('announcer')).toContainText('New patron chat from Patron ');

  await rowOf('Where are the tax forms?').getByRole('button', { name: 'Claim Chat' }).click();
  const chat = alice.openChat(label);
  await expect(chat.getByRole('heading', { name: label, exact: true })).toBeVisible();
  await first.send('Federal ones, please.');
  // The patron's own lines carry the label too, not the server's plain "Patron".
  await expect(alice.messages.locator('li[data-seq]').filter({ hasText: 'Federal ones' })).toContainText(label);
  await expect(alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: label })).toBeVisible();

  await chat.getByRole('button', { name: 'End Chat' }).click();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });
  await expect(analytics).toContainText(`Chat with ${label} (General Reference)`);
  await analytics.getByRole('combobox', { name: 'Question Type' }).selectOption({ index: 1 });
  await analytics.getByRole('button', { name: 'Save' }).click();
  await expect(analytics).toBeHidden();

  await alice.page.getByRole('tab', { name: 'Transcripts' }).click();
  await alice.page.getByRole('list', { name: 'Transcripts' }).getByRole('button', { name: label }).click();
  const transcript = alice.page.getByRole('region', { name: `Transcript: ${label}` });
  await expect(transcript).toBeVisible();
  await expect(transcript.getByRole('log', { name: 'Transcript' })).toContainText(label);

  // A second console (a colleague) calls the same patron the same.
  const bob = await desk.operator('bob');
  await bob.logInOnline();
  await expect(bob.patronChats.getByRole('button', { name: other, exact: true })).toBeVisible();
});
