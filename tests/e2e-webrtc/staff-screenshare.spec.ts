import type { Page } from '@playwright/test';
import { saveScreenshot } from '../e2e/support/screenshots';
import type { OperatorConsole } from '../e2e/support/operator-console';
import { expect, mediaAllowed, test } from './support/fixtures';
import { readPeerStats, waitForAudioEnergy, waitForFramesGrowing, waitForFramesStopped } from './support/webrtc-stats';

/**
 * Issue 12, item 6 (and items 2, 4, 5 in the console): Request Screenshare
 * between two librarians' consoles, in real Chromium with real WebRTC (fake
 * screen and microphones), signalled through a real Deskbell server. Alice
 * shares, Bob watches and hears her; Stop Share stops the picture and keeps
 * the voices; End closes both. Then the other way: Alice asks to see Bob's screen.
 */

function operatorButton(console: OperatorConsole, name: string) {
  return console.page
    .getByRole('list', { name: 'Operators' })
    .getByRole('listitem')
    .getByRole('button', { name, exact: true });
}

function bar(page: Page) {
  return page.getByRole('region', { name: 'Screenshare' });
}

async function staffChatOpen(alice: OperatorConsole, bob: OperatorConsole): Promise<void> {
  await alice.logInOnline();
  await bob.logInOnline();
  await operatorButton(alice, 'Bob').click();
  await expect(alice.page.getByRole('region', { name: 'Staff chat with Bob' })).toBeVisible();
  await operatorButton(bob, 'Alice').click();
  await expect(bob.page.getByRole('region', { name: 'Staff chat with Alice' })).toBeVisible();
}

test('Alice shares her screen with Bob: he sees it and hears her, Stop Share keeps the voices, End closes both', async ({
  desk,
  deskbell,
}, testInfo) => {
  const alice = await desk.operator('alice', mediaAllowed(deskbell.url));
  const bob = await desk.operator('bob', mediaAllowed(deskbell.url));
  await staffChatOpen(alice, bob);

  await bar(alice.page).getByRole('button', { name: 'Request Screenshare' }).click();
  await expect(bar(alice.page)).toContainText('waiting for Bob to Join');
  await expect(bar(bob.page)).toContainText('Alice would like to share their screen with you.');
  await saveScreenshot(bob.page, 'screenshare-request-staff', testInfo);
  await bar(bob.page).getByRole('button', { name: 'Join' }).click();

  await bar(alice.page).getByRole('button', { name: 'Launch' }).click();
  await expect(bar(alice.page).getByRole('button', { name: 'Share Screen' })).toBeEnabled();
  // The voices come first: Bob hears Alice's microphone before any picture.
  await waitForAudioEnergy(bob.page);
  await waitForAudioEnergy(alice.page);

  await bar(alice.page).getByRole('button', { name: 'Share Screen' }).click();
  await expect(alice.page.getByRole('status').filter({ hasText: 'You are sharing' }).first()).toBeVisible();
  await waitForFramesGrowing(bob.page);
  await expect(bar(bob.page)).toContainText('Alice is sharing');
  const stats = await readPeerStats(bob.page);
  expect(stats.frameWidth).toBeGreaterThan(0);
  await saveScreenshot(alice.page, 'screenshare-console-sharing', testInfo);
  await saveScreenshot(bob.page, 'screenshare-console-watching', testInfo);

  // Stop Share: the picture stops, the call goes on.
  await alice.page.locator('.sharing-banner').getByRole('button', { name: 'Stop Share' }).click();
  await waitForFramesStopped(bob.page);
  await waitForAudioEnergy(bob.page);
  await expect(bar(alice.page).getByRole('button', { name: 'Share Screen' })).toBeVisible();

  await bar(bob.page).getByRole('button', { name: 'End' }).click();
  await expect(bar(alice.page).getByRole('button', { name: 'Request Screenshare' })).toBeVisible();
  await expect(bar(bob.page).getByRole('button', { name: 'Request Screenshare' })).toBeVisible();
  await expect.poll(async () => (await readPeerStats(alice.page)).connectionState).toBe('closed');
  // Every step is a line of the staff chat.
  await expect(alice.page.getByRole('log', { name: 'Messages' })).toContainText('The screenshare ended after');
  await expect(alice.page.getByRole('log', { name: 'Messages' })).toContainText('Alice stopped sharing');
});

test("the other way: Alice asks to see Bob's screen and watches it", async ({ desk, deskbell }) => {
  const alice = await desk.operator('alice', mediaAllowed(deskbell.url));
  const bob = await desk.operator('bob', mediaAllowed(deskbell.url));
  await staffChatOpen(alice, bob);

  await bar(alice.page).getByRole('button', { name: "Ask to see Bob's screen" }).click();
  await expect(bar(bob.page)).toContainText('Alice would like to see your screen.');
  await bar(bob.page).getByRole('button', { name: 'Join' }).click();
  await bar(alice.page).getByRole('button', { name: 'Launch' }).click();
  await bar(bob.page).getByRole('button', { name: 'Share Screen' }).click();
  await waitForFramesGrowing(alice.page);
  await waitForAudioEnergy(alice.page);
  await bar(alice.page).getByRole('button', { name: 'End' }).click();
  await expect.poll(async () => (await readPeerStats(bob.page)).connectionState).toBe('closed');
});
