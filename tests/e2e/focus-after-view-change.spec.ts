import { expect, test } from './support/fixtures';
import { claimedChat, PAT } from './support/scenarios';

test('the keyboard focus follows the right panel from a chat to an earlier chat’s transcript and back', async ({
  desk,
}) => {
  // Pat's first chat, ended; then Pat asks again with the same email.
  const { alice } = await claimedChat(desk);
  await alice.reply('The atlases are in the map room, drawer 12.');
  await alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' }).click();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });
  await analytics.getByRole('button', { name: 'Later' }).click();
  await expect(analytics).toBeHidden();
  const returning = await desk.patron();
  await returning.openPanel();
  await returning.startChat({ question: 'Can I renew the atlas?', name: PAT.name, email: PAT.email });
  await alice.claim(PAT.name);

  const chat = alice.openChat(PAT.name);
  await chat.getByRole('tab', { name: 'Patron info' }).click();
  const earlier = chat.getByRole('list', { name: 'Earlier chats' }).getByRole('button', { name: PAT.question });
  await earlier.focus();
  await alice.page.keyboard.press('Enter');

  // The button pressed is gone with the chat; the transcript's heading has the focus, not the page.
  const transcript = alice.page.getByRole('region', { name: `Transcript: ${PAT.name}` });
  await expect(transcript.getByRole('heading', { name: `Transcript: ${PAT.name}` })).toBeFocused();

  const back = transcript.getByRole('button', { name: `Back to the chat with ${PAT.name}` });
  await back.focus();
  await alice.page.keyboard.press('Enter');
  await expect(alice.openChat(PAT.name).getByRole('heading', { name: PAT.name, exact: true })).toBeFocused();

  // A chat opened from the left column leaves the focus on the row's button.
  const row = alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: PAT.name }).first();
  await row.focus();
  await alice.page.keyboard.press('Enter');
  await expect(row).toBeFocused();
});
