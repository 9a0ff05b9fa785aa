import type { FrameLocator, Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { OperatorConsole } from './support/operator-console';
import { claimedChat, PAT } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

const AWAY = `${PAT.name} lost the connection or closed the chat window. The chat continues if they come back.`;

/** The notice in the open chat saying whether its patron is still there (empty while they are). */
function presenceNotice(alice: OperatorConsole): Locator {
  return alice.openChat(PAT.name).locator('[data-patron-presence]');
}

test('a patron who closes the page shows as away, and coming back in another tab continues the chat', async ({
  desk,
}) => {
  const { alice, patron } = await claimedChat(desk);
  const notice = presenceNotice(alice);
  await expect(notice).toHaveAttribute('data-patron-presence', 'here');
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(notice).toHaveText('');

  await patron.page.close();
  await expect(notice).toHaveAttribute('data-patron-presence', 'away');
  await expect(notice).toHaveText(AWAY);
  await expect(alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' })).toBeVisible();
  await alice.reply('Are you still there?');

  // The same browser opens the library's page again (its resume token is still there).
  const page = await patron.context.newPage();
  await page.goto(`${patron.serverUrl}/`);
  await page.getByRole('button', { name: /^Chat with a librarian/ }).click();
  const frame: FrameLocator = page.frameLocator('iframe[title="Chat with a librarian"]');
  await expect(frame.getByText("You're chatting with Alice")).toBeVisible();
  await expect(frame.getByRole('log', { name: 'Chat messages' }).getByText('Are you still there?')).toBeVisible();

  // Back before the patron wrote anything: the server's "back" alone clears the notice.
  await expect(notice).toHaveAttribute('data-patron-presence', 'here');
  await expect(notice).toHaveText('');
  const box = frame.getByRole('textbox', { name: 'Your message' });
  await box.fill('Yes, sorry, I closed the tab.');
  await box.press('Enter');
  await expect(alice.messages.getByText('Yes, sorry, I closed the tab.')).toBeVisible();
});

test('a patron who reloads the page is back at once: no notice stays and the chat goes on', async ({ desk }) => {
  const { alice, patron } = await claimedChat(desk);
  const notice = presenceNotice(alice);

  await patron.page.reload();
  await expect(patron.frame.getByText("You're chatting with Alice")).toBeVisible();

  // Alice writes (not the patron: a patron's message would clear the notice by itself).
  await alice.reply('Welcome back.');
  await expect(patron.log.getByText('Welcome back.')).toBeVisible();
  await expect(notice).toHaveAttribute('data-patron-presence', 'here');
  await expect(notice).toHaveText('');
  await expect(alice.messages.getByText('The patron left the chat; you can End Chat.')).toHaveCount(0);
});

test.describe('when the patron does not come back in time', () => {
  test.use({ deskbellEnv: { DESKBELL_PATRON_RETURN_SECONDS: '3' } });

  test('the librarian is told the patron left, and End Chat closes the chat', async ({ desk }, testInfo) => {
    const { alice, patron } = await claimedChat(desk);
    const notice = presenceNotice(alice);

    await patron.page.close();
    await expect(notice).toHaveAttribute('data-patron-presence', 'away');
    await expect(notice).toHaveText(AWAY);

    await expect(notice).toHaveAttribute('data-patron-presence', 'left');
    await expect(notice).toHaveText(`${PAT.name} left the chat. You can End Chat.`);
    await expect(alice.messages.getByText('The patron left the chat; you can End Chat.')).toBeVisible();
    await saveScreenshot(alice.page, 'console-patron-left', testInfo);

    // After a reload the console still knows: the server keeps who left.
    await alice.page.reload();
    await alice.page.getByRole('list', { name: 'My chats' }).getByRole('button', { name: PAT.name }).click();
    await expect(notice).toHaveAttribute('data-patron-presence', 'left');

    await alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' }).click();
    await expect(alice.page.getByRole('dialog', { name: 'Analytics' })).toBeVisible();
    await expect(alice.openChat(PAT.name).getByRole('button', { name: 'End Chat' })).toHaveCount(0);
    // An ended chat no longer needs the notice.
    await expect(notice).toHaveAttribute('data-patron-presence', 'here');
  });
});
