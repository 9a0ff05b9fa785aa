import { ask, dataOf, nextEvent, signIn } from '../support/clients';
import { goOnline } from '../support/flows';
import { scanForAccessibility } from './support/axe-scan';
import { expect, test } from './support/fixtures';
import { PAT } from './support/scenarios';
import { saveScreenshot } from './support/screenshots';

/**
 * Issue 12, the patron's side: Alice (a raw operator socket: the console has
 * no Request Screenshare button yet) asks to share her screen; the widget
 * shows the request with Join and No thanks; Join opens the screenshare
 * window, whose own socket attaches (Alice sees the patron ready), and which
 * waits for Alice to start. End in the window ends it for both.
 */
test('the patron joins a screenshare from the widget, and its own window opens, attaches and waits for Alice', async ({
  desk,
  deskbell,
}, testInfo) => {
  const alice = await signIn(deskbell.url, 'alice');
  await goOnline(alice.socket);
  const patron = await desk.patron();
  await patron.openPanel();
  const asked = nextEvent(alice.socket, 'chat:new');
  await patron.startChat(PAT);
  const chat = await asked;
  dataOf(await ask(alice.socket, 'chat:claim', { chatId: chat.id }));
  await expect(patron.frame.getByText("You're chatting with Alice")).toBeVisible();

  const { session } = dataOf(
    await ask(alice.socket, 'screenshare:request', { chat: { kind: 'patron', id: chat.id }, direction: 'host-shares' }),
  );
  const card = patron.frame.getByRole('region', { name: 'Alice would like to share their screen with you' });
  await expect(card).toBeVisible();
  await expect(card.getByText(/^1:\d\d left to answer$/)).toBeVisible();
  await expect(patron.log.getByText('Alice would like to share their screen with you.')).toBeVisible();
  await saveScreenshot(patron.page, 'screenshare-request-widget', testInfo);

  const aliceSeesReady = nextEvent(alice.socket, 'screenshare:updated', (s) => s.id === session.id && s.guestReady);
  const popupOpens = patron.context.waitForEvent('page');
  await card.getByRole('button', { name: 'Join' }).click();
  const popup = await popupOpens;
  await popup.waitForLoadState();

  const viewer = popup.getByRole('main', { name: 'Screenshare with Alice' });
  await expect(viewer.getByRole('heading', { level: 1, name: 'Screenshare with Alice' })).toBeVisible();
  await expect(viewer.getByRole('heading', { name: 'Waiting for Alice to start...' })).toBeVisible();
  await expect(
    viewer.getByText(
      'You will join with computer audio: your microphone and speakers. You can mute yourself at any time.',
    ),
  ).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Fullscreen' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'End screenshare' })).toBeVisible();
  expect(await aliceSeesReady).toMatchObject({ state: 'joined', guestReady: true });
  // The window key does not stay in the address (nor in the history).
  expect(new URL(popup.url()).hash).toBe('');
  expect(popup.url()).toBe(`${deskbell.url}/widget/screenshare.html`);

  // The widget says where the screenshare is.
  const notice = patron.frame.getByRole('region', { name: 'Screenshare in its own window' });
  await expect(notice.getByText('Waiting for Alice to start.')).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Open the screenshare window' })).toBeVisible();
  await expect(patron.log.getByText('The patron joined the screenshare.')).toBeVisible();

  await saveScreenshot(popup, 'screenshare-window-waiting', testInfo);
  expect((await scanForAccessibility(popup, 'screenshare-window-waiting', testInfo)).blocking).toEqual([]);

  // Open the screenshare window again: the same window comes forward, no second one opens.
  const pagesBefore = patron.context.pages().length;
  await notice.getByRole('button', { name: 'Open the screenshare window' }).click();
  await expect(viewer.getByRole('heading', { name: 'Waiting for Alice to start...' })).toBeVisible();
  expect(patron.context.pages()).toHaveLength(pagesBefore);
  expect(new URL(popup.url()).hash).toBe('');

  // End screenshare in the window: over for both, and the window closes itself.
  const aliceSeesEnd = nextEvent(
    alice.socket,
    'screenshare:updated',
    (s) => s.id === session.id && s.state === 'ended',
  );
  const windowCloses = popup.waitForEvent('close');
  await viewer.getByRole('button', { name: 'End screenshare' }).click();
  expect(await aliceSeesEnd).toMatchObject({ endReason: 'hung-up' });
  await windowCloses;
  await expect(notice).toHaveCount(0);
  await expect(patron.log.getByText(/^The screenshare ended/)).toBeVisible();
  alice.socket.disconnect();
});
