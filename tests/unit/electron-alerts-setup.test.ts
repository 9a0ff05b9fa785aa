import { describe, expect, it } from 'vitest';
import { connectAlerts } from '../../electron/main/alerts/connect-alerts';
import { ALERT_WINDOW_LEVEL, alertWindowOptions } from '../../electron/main/alerts/alert-window-options';
import { display, FakeAlertWindowFactory, FakeScreen, FakeSystemNotifier } from '../fakes/alerts-fakes';
import { shellHarness } from '../fakes/tray-shell-harness';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1080 };
const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1040 };
const ALERT = {
  chatId: 'chat-1',
  patronName: 'Ada',
  departmentName: 'General Reference',
  preview: 'Where are the maps of 1890?',
};

function alertsDesk() {
  const shell = shellHarness();
  const windows = new FakeAlertWindowFactory();
  const screen = new FakeScreen([display(1, SCREEN, WORK_AREA, { primary: true })]);
  const notifier = new FakeSystemNotifier();
  const teardown = connectAlerts(shell.context, { windows, screen, notifier });
  /** The pop-up's page speaks from its own window at deskbell-app://console/alert.html. */
  const popupSender = (senderId: number) => {
    shell.transport.appWindows.add(senderId);
    return { senderId, frameUrl: 'deskbell-app://console/alert.html' };
  };
  return { ...shell, windows, screen, notifier, teardown, popupSender };
}

describe('pop-ups, wired to the console', () => {
  it("the console's new chat pops up in the lower-right corner, and its page gets exactly that alert", async () => {
    const { send, invoke, windows, popupSender } = alertsDesk();
    send('alerts/new-chat', ALERT);
    send('alerts/new-chat', { ...ALERT, chatId: 'chat-2', patronName: 'Grace' });
    const [first, second] = windows.showing();
    expect(first!.bounds).toEqual({ x: 1920 - 8 - 360, y: 1040 - 8 - 132, width: 360, height: 132 });
    await expect(invoke('alerts/popup-ready', {}, popupSender(first!.senderId))).resolves.toEqual({
      ...ALERT,
      note: null,
    });
    await expect(invoke('alerts/popup-ready', {}, popupSender(second!.senderId))).resolves.toMatchObject({
      chatId: 'chat-2',
      patronName: 'Grace',
    });
  });

  it('the main window gets no alert when it asks as if it were a pop-up', async () => {
    const { send, invoke } = alertsDesk();
    send('alerts/new-chat', ALERT);
    await expect(invoke('alerts/popup-ready', {})).resolves.toBeNull();
  });

  it('Claim Chat on the pop-up reaches the console as alerts/action and brings the console forward', () => {
    const { send, windows, popupSender, received, mainWindow } = alertsDesk();
    send('alerts/new-chat', ALERT);
    mainWindow.hide();
    send('alerts/popup-action', { chatId: 'chat-1', action: 'claim' }, popupSender(windows.opened[0]!.senderId));
    expect(received('alerts/action')).toEqual([{ chatId: 'chat-1', action: 'claim' }]);
    expect(mainWindow.visible).toBe(true);
  });

  it('dismiss closes that pop-up only; alerts/clear from the console closes the other', () => {
    const { send, windows, popupSender, received } = alertsDesk();
    send('alerts/new-chat', ALERT);
    send('alerts/new-chat', { ...ALERT, chatId: 'chat-2' });
    const [first, second] = windows.opened;
    send('alerts/popup-action', { chatId: 'chat-1', action: 'dismiss' }, popupSender(first!.senderId));
    expect([first!.closed, second!.closed]).toEqual([true, false]);
    send('alerts/clear', { chatId: 'chat-2' });
    expect(second!.closed).toBe(true);
    expect(received('alerts/action')).toEqual([]);
  });

  it('a page on another site cannot raise or act on pop-ups', () => {
    const { send, windows, received, consoleSender } = alertsDesk();
    const foreign = { senderId: consoleSender.senderId, frameUrl: 'https://evil.example/' };
    send('alerts/new-chat', ALERT, foreign);
    expect(windows.opened).toEqual([]);
    send('alerts/new-chat', ALERT);
    send('alerts/popup-action', { chatId: 'chat-1', action: 'claim' }, foreign);
    expect(received('alerts/action')).toEqual([]);
  });

  it('a malformed alert is dropped and logged, and nothing pops up', () => {
    const { send, windows, log } = alertsDesk();
    send('alerts/new-chat', { ...ALERT, chatId: '' });
    expect(windows.opened).toEqual([]);
    expect(log.messages('warn')).toContain('Dropped alerts/new-chat: the payload does not match its schema');
  });

  it("with the 'system' alert style in Settings, new chats go to the OS's notifications", async () => {
    const { send, windows, notifier, context } = alertsDesk();
    context.settings.update({ alertStyle: 'system' });
    send('alerts/new-chat', ALERT);
    await Promise.resolve();
    expect(windows.opened).toEqual([]);
    expect(notifier.notices).toEqual([
      { id: 'chat-1', title: 'New patron chat — General Reference', message: 'Ada: Where are the maps of 1890?' },
    ]);
  });

  it('a notification that fails is logged as a warning', async () => {
    const { send, notifier, context, log } = alertsDesk();
    context.settings.update({ alertStyle: 'system' });
    notifier.fail = true;
    send('alerts/new-chat', ALERT);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.messages('warn')).toContain('The system notification did not show');
  });

  it('on quit every pop-up closes and the channels stop answering', async () => {
    const { send, invoke, windows, teardown } = alertsDesk();
    send('alerts/new-chat', ALERT);
    teardown();
    expect(windows.opened[0]!.closed).toBe(true);
    await expect(invoke('alerts/popup-ready', {})).rejects.toThrow('nothing answers this yet');
  });
});

describe('the pop-up window', () => {
  it('never takes focus, floats above other windows, has no frame or taskbar button, and is locked down', () => {
    const options = alertWindowOptions({ x: 1, y: 2, width: 360, height: 132 }, '/app/preload.cjs');
    expect(options).toMatchObject({
      x: 1,
      y: 2,
      width: 360,
      height: 132,
      show: false,
      focusable: false,
      alwaysOnTop: true,
      frame: false,
      skipTaskbar: true,
      resizable: false,
    });
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(ALERT_WINDOW_LEVEL).toBe('pop-up-menu');
  });
});
