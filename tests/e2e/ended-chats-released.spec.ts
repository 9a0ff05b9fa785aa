import { expect, test } from './support/fixtures';

/**
 * A console open all day lets go of the chats it is done with (their analytics
 * saved, nobody looking at them). What a librarian sees must not change: a
 * filed chat opens again from Transcripts, read from the server; a chat still
 * waiting for its analytics entry stays under My chats with its messages.
 */
test('a filed chat opens again from Transcripts, and a chat still needing analytics stays under My chats', async ({
  desk,
}) => {
  const alice = await desk.operator('alice');
  await alice.logInOnline();
  const analytics = alice.page.getByRole('dialog', { name: 'Analytics' });

  // Ada's chat: answered, ended, filed.
  const ada = await desk.patron();
  await ada.openPanel();
  await ada.startChat({ question: 'Do you keep the parish registers?', name: 'Ada Byron' });
  await alice.claim('Ada Byron');
  await alice.reply('Yes, on microfilm in Local History.');
  await ada.send('Thank you!');
  await expect(alice.messages.getByText('Thank you!')).toBeVisible();
  await alice.openChat('Ada Byron').getByRole('button', { name: 'End Chat' }).click();
  await analytics.getByRole('combobox', { name: 'Question Type' }).selectOption({ label: 'Directional' });
  await analytics.getByRole('button', { name: 'Save' }).click();
  await expect(analytics).toBeHidden();

  // Grace's chat: answered and ended, its analytics left for later.
  const grace = await desk.patron();
  await grace.openPanel();
  await grace.startChat({ question: 'Can I print from my laptop?', name: 'Grace Hopper' });
  await alice.claim('Grace Hopper');
  await alice.reply('Yes, through the web print page.');
  await alice.openChat('Grace Hopper').getByRole('button', { name: 'End Chat' }).click();
  await analytics.getByRole('button', { name: 'Later' }).click();
  await expect(analytics).toBeHidden();

  // A third patron: Alice moves on, and both ended chats are off screen.
  const hedy = await desk.patron();
  await hedy.openPanel();
  await hedy.startChat({ question: 'Where are the newspapers from 1940?', name: 'Hedy Lamarr' });
  await alice.claim('Hedy Lamarr');

  const myChats = alice.page.getByRole('region', { name: 'My chats' });
  await expect(myChats.getByRole('button', { name: 'Ada Byron', exact: true })).toHaveCount(0);
  await myChats.getByRole('button', { name: 'Grace Hopper', exact: true }).click();
  await expect
    .poll(() => alice.messageBodies())
    .toEqual(['Alice has joined the chat.', 'Yes, through the web print page.', 'Alice ended the chat.']);
  await expect(alice.openChat('Grace Hopper').getByRole('button', { name: 'Enter analytics' })).toBeVisible();

  // Ada's chat is asked of the server again when opened from Transcripts.
  const asked: string[] = [];
  for (const socket of alice.openSockets()) {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string' && payload.includes('"chat:transcript"')) asked.push(payload);
    });
  }
  await alice.page.getByRole('tab', { name: 'Transcripts' }).click();
  await alice.page
    .getByRole('list', { name: 'Transcripts' })
    .getByRole('button', { name: 'Ada Byron', exact: true })
    .click();
  const transcript = alice.page.getByRole('log', { name: 'Transcript' });
  await expect
    .poll(() => transcript.locator('li[data-seq] .message-body').allInnerTexts())
    .toEqual([
      'Alice has joined the chat.',
      'Yes, on microfilm in Local History.',
      'Thank you!',
      'Alice ended the chat.',
    ]);
  expect(asked).toHaveLength(1);
});
