import { describe, expect, it } from 'vitest';
import { connectTray } from '../../electron/main/tray/connect-tray';
import { FakeAppQuit, FakeTray } from '../fakes/tray-fakes';
import { shellHarness } from '../fakes/tray-shell-harness';

function trayDesk() {
  const shell = shellHarness();
  const tray = new FakeTray();
  const app = new FakeAppQuit();
  const teardown = connectTray(shell.context, { tray, app });
  return { ...shell, tray, app, teardown };
}

describe('the tray, wired to the console', () => {
  it('shows "not connected" until the console reports, then the status and queue it reports', () => {
    const { tray, send } = trayDesk();
    expect(tray.icon).toBe('disconnected');
    send('presence/report', { status: 'online', connected: true, waiting: 2 });
    expect(tray.icon).toBe('online');
    expect(tray.toolTip).toBe('Deskbell — Online — 2 chats waiting');
    expect(tray.checkedStatus()).toBe('Online');
  });

  it('puts the waiting count on the dock / launcher badge', () => {
    const { send, windowPorts } = trayDesk();
    send('presence/report', { status: 'online', connected: true, waiting: 2 });
    send('presence/report', { status: 'online', connected: true, waiting: 0 });
    expect(windowPorts.badgeCounts).toEqual([2, 0]);
  });

  it('on Windows the waiting count shows as the taskbar overlay', () => {
    const { send, windowPorts, mainWindow } = trayDesk();
    windowPorts.platform = 'win32';
    send('presence/report', { status: 'away', connected: true, waiting: 3 });
    expect(mainWindow.overlay).toEqual({ description: '3 patron chats waiting' });
    send('presence/report', { status: 'away', connected: true, waiting: 0 });
    expect(mainWindow.overlay).toBeNull();
  });

  it('flashes the taskbar on a new chat while the librarian is in another program, and stops when they look', () => {
    const { send, mainWindow } = trayDesk();
    mainWindow.focused = false;
    send('presence/report', { status: 'online', connected: true, waiting: 1 });
    expect(mainWindow.flashing).toBe(true);
    mainWindow.focus();
    expect(mainWindow.flashing).toBe(false);
  });

  it('stops flashing when the waiting chat is claimed by someone else', () => {
    const { send, mainWindow } = trayDesk();
    mainWindow.focused = false;
    send('presence/report', { status: 'online', connected: true, waiting: 1 });
    send('presence/report', { status: 'online', connected: true, waiting: 0 });
    expect(mainWindow.flashing).toBe(false);
  });

  it('picking Away in the tray menu asks the console to go Away, marked as from the tray', () => {
    const { tray, send, received } = trayDesk();
    send('presence/report', { status: 'online', connected: true, waiting: 0 });
    tray.pick('Away');
    expect(received('presence/status-request')).toEqual([{ status: 'away', reason: 'tray' }]);
  });

  it('Show Deskbell brings the hidden window back; a click on the icon too; Quit quits', () => {
    const { tray, mainWindow, app } = trayDesk();
    mainWindow.hide();
    tray.pick('Show Deskbell');
    expect(mainWindow.visible).toBe(true);
    mainWindow.hide();
    tray.click();
    expect(mainWindow.visible).toBe(true);
    tray.pick('Quit');
    expect(app.quits).toBe(1);
  });

  it('ignores a malformed presence report and keeps showing the last good one', () => {
    const { tray, send, log } = trayDesk();
    send('presence/report', { status: 'online', connected: true, waiting: 1 });
    send('presence/report', { status: 'busy', connected: true, waiting: -4 });
    expect(tray.toolTip).toBe('Deskbell — Online — 1 chat waiting');
    expect(log.messages('warn')).toContain('Dropped presence/report: the payload does not match its schema');
  });

  it('on quit removes the tray icon and stops listening', () => {
    const { tray, send, teardown } = trayDesk();
    teardown();
    expect(tray.destroyed).toBe(true);
    send('presence/report', { status: 'online', connected: true, waiting: 1 });
    expect(tray.icon).toBe('disconnected');
  });
});
