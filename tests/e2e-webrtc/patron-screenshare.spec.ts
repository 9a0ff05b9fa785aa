import type { Browser, Page } from '@playwright/test';
import { OperatorConsole } from '../e2e/support/operator-console';
import { PatronWidget } from '../e2e/support/patron-widget';
import { PAT } from '../e2e/support/scenarios';
import { saveScreenshot } from '../e2e/support/screenshots';
import { startDeskbellServer } from '../e2e/support/deskbell-server';
import { expect, mediaAllowed, test, turnEnv } from './support/fixtures';
import { readPeerStats, waitForAudioEnergy, waitForFramesGrowing, waitForFramesStopped } from './support/webrtc-stats';

/**
 * Issue 12, items 1 to 5, in real Chromium with real WebRTC between the
 * operator's console and the patron's screenshare window: Request
 * Screenshare, Join in the widget (the window opens), Launch, voices both
 * ways, Share Screen, the patron decodes the picture, Stop Share keeps the
 * voices, End closes both; the other way (the patron shares); and relay-only
 * through a real coturn with credentials the server minted.
 */

interface Desk {
  alice: OperatorConsole;
  patron: PatronWidget;
}

async function patronChatWithAlice(browser: Browser, serverUrl: string): Promise<Desk> {
  const alice = await OperatorConsole.open(browser, serverUrl, 'alice', mediaAllowed(serverUrl));
  await alice.logInOnline();
  const patron = await PatronWidget.visit(browser, serverUrl);
  // The screenshare window is at the server's origin: it may use the microphone and the local network.
  await mediaAllowed(serverUrl)(patron.context);
  await patron.openPanel();
  await patron.startChat(PAT);
  await alice.claim(PAT.name);
  await expect(patron.frame.getByText("You're chatting with Alice")).toBeVisible();
  return { alice, patron };
}

const bar = (page: Page) => page.getByRole('region', { name: 'Screenshare' });

/** The patron says Join in the widget; the screenshare window opens and Alice can Launch. */
async function patronJoins(patron: PatronWidget, alice: OperatorConsole, cardName: string): Promise<Page> {
  const card = patron.frame.getByRole('region', { name: cardName });
  await expect(card).toBeVisible();
  const opens = patron.context.waitForEvent('page');
  await card.getByRole('button', { name: 'Join' }).click();
  const viewer = await opens;
  await viewer.waitForLoadState();
  await bar(alice.page).getByRole('button', { name: 'Launch' }).click();
  return viewer;
}

test('Alice shares her screen with the patron: the window shows it with her voice, Stop Share keeps the call, a reloaded console rejoins, End closes both', async ({
  browser,
  deskbell,
}, testInfo) => {
  const { alice, patron } = await patronChatWithAlice(browser, deskbell.url);
  try {
    await bar(alice.page).getByRole('button', { name: 'Request Screenshare' }).click();
    await saveScreenshot(patron.page, 'screenshare-request-widget', testInfo);
    const viewer = await patronJoins(patron, alice, 'Alice would like to share their screen with you');

    // Audio first: each side hears the other's (fake) microphone before any picture.
    await waitForAudioEnergy(viewer);
    await waitForAudioEnergy(alice.page);
    await bar(alice.page).getByRole('button', { name: 'Share Screen' }).click();
    await waitForFramesGrowing(viewer);
    const stats = await readPeerStats(viewer);
    expect([stats.frameWidth, stats.frameHeight]).toEqual([1280, 720]);
    await saveScreenshot(viewer, 'screenshare-window-watching', testInfo);
    await saveScreenshot(alice.page, 'screenshare-console-sharing-patron', testInfo);
    await expect(alice.page.getByRole('log', { name: 'Messages' })).toContainText(
      'Alice started sharing (Entire screen).',
    );

    // Stop Share: the picture stops; the voices go on.
    await bar(alice.page).getByRole('button', { name: 'Stop Share' }).click();
    await waitForFramesStopped(viewer);
    await waitForAudioEnergy(viewer);
    await expect(patron.log).toContainText('Alice stopped sharing; the call goes on.');

    // Alice's console reloads mid-call: the session waits out its grace, she rejoins, and shares again.
    await alice.page.reload();
    await expect(alice.connection).toHaveAttribute('data-connection-state', 'connected');
    // She is told at once, whatever chat is open, and rejoins from the notice.
    const notice = alice.page.getByRole('alert').filter({ hasText: 'is not connected in this window' });
    await expect(notice).toContainText('Your screenshare with Pat Reader is not connected in this window.');
    await notice.getByRole('button', { name: 'Rejoin the call' }).click();
    await expect(notice).toHaveCount(0);
    await alice.page.locator('.my-chats').getByRole('button', { name: 'Pat Reader', exact: true }).click();
    await waitForAudioEnergy(viewer);
    await bar(alice.page).getByRole('button', { name: 'Share Screen' }).click();
    await waitForFramesGrowing(viewer);
    await bar(alice.page).getByRole('button', { name: 'End' }).click();
    await expect(viewer.getByText('The screenshare has ended. You can close this window.')).toBeVisible();
    await expect.poll(async () => (await readPeerStats(viewer)).connectionState).toBe('closed');
    await expect.poll(async () => (await readPeerStats(alice.page)).connectionState).toBe('closed');
    await expect(patron.log).toContainText(/The screenshare ended after \d+ s \(Alice ended it\)\./);
  } finally {
    await patron.close();
    await alice.close();
  }
});

test("the other way: Alice asks to see the patron's screen, the patron shares it from the window", async ({
  browser,
  deskbell,
}, testInfo) => {
  const { alice, patron } = await patronChatWithAlice(browser, deskbell.url);
  try {
    await bar(alice.page).getByRole('button', { name: "Ask to see the patron's screen" }).click();
    const viewer = await patronJoins(patron, alice, 'Alice would like to see your screen');
    await viewer.getByRole('button', { name: 'Share my screen' }).click();
    await waitForFramesGrowing(alice.page);
    await waitForAudioEnergy(alice.page);
    await expect(bar(alice.page)).toContainText('The patron is sharing');
    await saveScreenshot(alice.page, 'screenshare-console-watching-patron', testInfo);
    await viewer.getByRole('button', { name: 'Stop sharing' }).click();
    await waitForFramesStopped(alice.page);
    await viewer.getByRole('button', { name: 'End screenshare' }).click();
    await expect(bar(alice.page).getByRole('button', { name: 'Request Screenshare' })).toBeVisible();
    await expect.poll(async () => (await readPeerStats(alice.page)).connectionState).toBe('closed');
  } finally {
    await patron.close();
    await alice.close();
  }
});

test('relay only: the call goes through coturn with credentials the server minted, never peer to peer', async ({
  browser,
  coturn,
}) => {
  const server = await startDeskbellServer(turnEnv(coturn, { relayOnly: true }));
  try {
    const { alice, patron } = await patronChatWithAlice(browser, server.url);
    try {
      await bar(alice.page).getByRole('button', { name: 'Request Screenshare' }).click();
      const viewer = await patronJoins(patron, alice, 'Alice would like to share their screen with you');
      await bar(alice.page).getByRole('button', { name: 'Share Screen' }).click();
      await waitForFramesGrowing(viewer);
      for (const page of [viewer, alice.page]) {
        const { selectedPair, localCandidates } = await readPeerStats(page);
        expect(selectedPair).toMatchObject({ local: { type: 'relay' }, remote: { type: 'relay' } });
        // Relay-only: the page never even offered its own address.
        expect(localCandidates.every((candidate) => candidate.type === 'relay')).toBe(true);
      }
    } finally {
      await patron.close();
      await alice.close();
    }
  } finally {
    await server.stop();
  }
});

test.describe('when a side goes away mid-call', () => {
  test.use({ deskbellEnv: { DESKBELL_SCREENSHARE_GRACE_SECONDS: '2' } });

  test('the patron reloads the window and the call comes back; closes it, and after the grace the call ends for Alice too; a chat the patron ends takes its screenshare with it', async ({
    browser,
    deskbell,
  }) => {
    const { alice, patron } = await patronChatWithAlice(browser, deskbell.url);
    try {
      await bar(alice.page).getByRole('button', { name: 'Request Screenshare' }).click();
      let viewer = await patronJoins(patron, alice, 'Alice would like to share their screen with you');
      await bar(alice.page).getByRole('button', { name: 'Share Screen' }).click();
      await waitForFramesGrowing(viewer);

      // The patron reloads the window mid-call: it takes its side again and Alice's console offers anew,
      // still sharing the same screen.
      await viewer.reload();
      await waitForFramesGrowing(viewer);
      await waitForAudioEnergy(viewer);
      await expect(alice.page.locator('.sharing-banner')).toBeVisible();

      // The patron closes the window: Alice's call ends once the grace is over, and her sharing banner goes.
      await viewer.close();
      await expect(bar(alice.page).getByRole('button', { name: 'Request Screenshare' })).toBeVisible();
      await expect(alice.page.locator('.sharing-banner')).toHaveCount(0);
      await expect.poll(async () => (await readPeerStats(alice.page)).connectionState).toBe('closed');
      await expect(alice.page.getByRole('log', { name: 'Messages' })).toContainText('(a connection was lost)');

      // Again, and this time the patron ends the chat itself from the widget while Alice shares.
      await bar(alice.page).getByRole('button', { name: 'Request Screenshare' }).click();
      viewer = await patronJoins(patron, alice, 'Alice would like to share their screen with you');
      await bar(alice.page).getByRole('button', { name: 'Share Screen' }).click();
      await waitForFramesGrowing(viewer);
      await patron.frame.getByRole('button', { name: 'End chat' }).click();
      await patron.frame.getByRole('button', { name: 'Yes, end chat' }).click();
      await expect(viewer.getByText('The screenshare has ended. You can close this window.')).toBeVisible();
      await expect.poll(async () => (await readPeerStats(alice.page)).connectionState).toBe('closed');
      await expect(alice.page.locator('.sharing-banner')).toHaveCount(0);
    } finally {
      await patron.close();
      await alice.close();
    }
  });
});
