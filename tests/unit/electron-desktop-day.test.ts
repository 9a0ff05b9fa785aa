import { describe, expect, it } from 'vitest';
import { AlertService, DISMISSED_REMEMBERED } from '../../electron/main/alerts/alert-service';
import { connectAlerts } from '../../electron/main/alerts/connect-alerts';
import { setUpSound } from '../../electron/main/sound/setup-sound';
import { connectTray } from '../../electron/main/tray/connect-tray';
import { display, FakeAlertWindowFactory, FakeScreen, FakeSystemNotifier } from '../fakes/alerts-fakes';
import { FakeAppQuit, FakeTray } from '../fakes/tray-fakes';
import { shellHarness } from '../fakes/tray-shell-harness';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1080 };
const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1040 };

function alertOf(n: number) {
  return {
    chatId: `chat-${n}`,
    patronName: `Patron ${n}`,
    departmentName: 'General Reference',
    preview: `Question ${n}: do you keep the parish registers?`,
  };
}

/** The desktop app as main.ts wires it: pop-ups, tray and chirp on the real shell over fakes. */
function desktop() {
  const shell = shellHarness({ settings: { sound: { muted: false, volume: 0.6, repeatSeconds: 20 } } });
  const windows = new FakeAlertWindowFactory();
  const screen = new FakeScreen([display(1, SCREEN, WORK_AREA, { primary: true })]);
  const tray = new FakeTray();
  const teardowns = [
    connectAlerts(shell.context, { windows, screen, notifier: new FakeSystemNotifier() }),
    connectTray(shell.context, { tray, app: new FakeAppQuit() }),
    setUpSound(shell.context),
  ];
  const popupSender = (senderId: number) => {
    shell.transport.appWindows.add(senderId);
    return { senderId, frameUrl: 'deskbell-app://console/alert.html' };
  };
  return { ...shell, windows, tray, teardowns, popupSender };
}

/**
 * One chat as the console reports it to main: it arrives (pop-up, chirp, one
 * waiting), waits a little (the chirp repeats), the librarian dismisses its
 * pop-up or the OS closes it or neither, it is claimed (the console clears the
 * pop-up, nothing waits), and it ends (nothing more reaches main).
 */
function oneChat(desk: ReturnType<typeof desktop>, n: number): void {
  const alert = alertOf(n);
  desk.send('alerts/new-chat', alert);
  desk.send('sound/chirp', {});
  desk.send('presence/report', { status: 'online', connected: true, waiting: 1 });
  desk.clock.advance(25_000);
  const popup = desk.windows.showing().at(-1);
  if (popup && n % 3 === 0) {
    desk.send('alerts/popup-action', { chatId: alert.chatId, action: 'dismiss' }, desk.popupSender(popup.senderId));
  } else if (popup && n % 3 === 1) {
    popup.closeFromOutside();
  }
  desk.send('alerts/clear', { chatId: alert.chatId });
  desk.send('presence/report', { status: 'online', connected: true, waiting: 0 });
  desk.clock.advance(60_000);
}

/** What main holds because of chats: pop-ups on screen, timers waiting, tray menu items. */
function heldByMain(desk: ReturnType<typeof desktop>) {
  return {
    popupsShowing: desk.windows.showing().length,
    timers: desk.clock.pending(),
    trayMenuItems: desk.tray.menu.length,
    tooltip: desk.tray.toolTip,
  };
}

describe('a desktop day: main holds as much after 300 chats as after 10', () => {
  it('the pop-ups, the tray and the chirp hold the same after 300 chats as after 10', () => {
    const desk = desktop();
    for (let n = 1; n <= 10; n++) oneChat(desk, n);
    const after10 = heldByMain(desk);
    for (let n = 11; n <= 300; n++) oneChat(desk, n);
    expect(heldByMain(desk)).toEqual(after10);
    expect(after10).toMatchObject({ popupsShowing: 0, timers: 0 });
    for (const teardown of desk.teardowns) teardown();
  });

  it("the alert service's own records are as small after 300 chats as after 10", () => {
    const windows = new FakeAlertWindowFactory();
    const service = new AlertService({
      windows,
      screen: new FakeScreen([display(1, SCREEN, WORK_AREA, { primary: true })]),
      notifier: new FakeSystemNotifier(),
      mainWindowBounds: () => null,
      showMainWindow: () => undefined,
      emitAction: () => undefined,
      alertStyle: () => 'deskbell',
      warn: () => undefined,
    });
    const day = (from: number, to: number) => {
      for (let n = from; n <= to; n++) {
        service.show({ ...alertOf(n), note: null });
        const popup = windows.showing().at(-1);
        if (popup && n % 3 === 0) service.popupAction(popup.senderId, { chatId: `chat-${n}`, action: 'dismiss' });
        else if (popup && n % 3 === 1) popup.closeFromOutside();
        service.clear(`chat-${n}`);
      }
    };
    day(1, 10);
    const after10 = service.sizes();
    day(11, 300);
    expect(service.sizes()).toEqual(after10);
    expect(after10).toEqual({ open: 0, dismissed: 0 });
  });

  it('dismissed pop-ups the console never clears are remembered only up to a bound', () => {
    const windows = new FakeAlertWindowFactory();
    const service = new AlertService({
      windows,
      screen: new FakeScreen([display(1, SCREEN, WORK_AREA, { primary: true })]),
      notifier: new FakeSystemNotifier(),
      mainWindowBounds: () => null,
      showMainWindow: () => undefined,
      emitAction: () => undefined,
      alertStyle: () => 'deskbell',
      warn: () => undefined,
    });
    for (let n = 1; n <= DISMISSED_REMEMBERED + 100; n++) {
      service.show({ ...alertOf(n), note: null });
      windows.showing().at(-1)?.closeFromOutside();
    }
    expect(service.sizes()).toEqual({ open: 0, dismissed: DISMISSED_REMEMBERED });
    // The newest dismissed are the ones remembered: a resync reporting one again does not re-pop it.
    service.show({ ...alertOf(DISMISSED_REMEMBERED + 100), note: null });
    expect(windows.showing()).toEqual([]);
  });
});
