import { describe, expect, it } from 'vitest';
import { OPERATOR_STATUSES, type OperatorStatus } from '../../src/protocol';
import { TaskbarAttention } from '../../electron/main/tray/taskbar-attention';
import { computeTrayModel, waitingWords } from '../../electron/main/tray/tray-model';
import { TrayPresenter } from '../../electron/main/tray/tray-presenter';
import { FakeAppQuit, FakeTray } from '../fakes/tray-fakes';

describe('the tray model', () => {
  const expectedTooltip: Record<OperatorStatus, string> = {
    online: 'Deskbell — Online — 2 chats waiting',
    internal: 'Deskbell — Internal — 2 chats waiting',
    away: 'Deskbell — Away — 2 chats waiting',
    offline: 'Deskbell — Offline — 2 chats waiting',
  };

  it.each(OPERATOR_STATUSES)(
    'shows %s with its own icon, says it in the tooltip and ticks it in the menu',
    (status) => {
      const model = computeTrayModel({ status, connected: true, waiting: 2 });
      expect(model.icon).toBe(status);
      expect(model.tooltip).toBe(expectedTooltip[status]);
      const ticked = model.menu.filter((item) => item.kind === 'status' && item.checked);
      expect(ticked).toEqual([
        { kind: 'status', status, label: expectedTooltip[status].split(' — ')[1], checked: true },
      ]);
    },
  );

  it('gives every status and "not connected" a different icon', () => {
    const icons = [
      ...OPERATOR_STATUSES.map((status) => computeTrayModel({ status, connected: true, waiting: 0 }).icon),
      computeTrayModel({ status: 'online', connected: false, waiting: 0 }).icon,
    ];
    expect(new Set(icons).size).toBe(5);
    expect(icons.at(-1)).toBe('disconnected');
  });

  it('while not connected says so, with the status last chosen', () => {
    expect(computeTrayModel({ status: 'away', connected: false, waiting: 3 }).tooltip).toBe(
      'Deskbell — Not connected (Away)',
    );
  });

  it('counts waiting chats in words', () => {
    expect([0, 1, 2, 12].map(waitingWords)).toEqual([
      'no chats waiting',
      '1 chat waiting',
      '2 chats waiting',
      '12 chats waiting',
    ]);
  });

  it.each([0, 1, 9, 250])('with %i chats waiting the badge counts them all', (waiting) => {
    expect(computeTrayModel({ status: 'online', connected: true, waiting }).badge).toEqual({ count: waiting });
  });

  it('lists the four statuses in the staff guide order, then Show Deskbell and Quit', () => {
    const menu = computeTrayModel({ status: 'online', connected: true, waiting: 0 }).menu;
    expect(menu.map((item) => ('label' in item ? item.label : '—'))).toEqual([
      'Online',
      'Internal',
      'Away',
      'Offline',
      '—',
      'Show Deskbell',
      'Quit',
    ]);
  });
});

function presenterDesk() {
  const tray = new FakeTray();
  const quit = new FakeAppQuit();
  const badges: number[] = [];
  const chosen: OperatorStatus[] = [];
  let windowShown = 0;
  const presenter = new TrayPresenter({
    tray,
    setBadgeCount: (count) => badges.push(count),
    chooseStatus: (status) => chosen.push(status),
    showWindow: () => (windowShown += 1),
    quit: () => quit.quit(),
  });
  return { presenter, tray, quit, badges, chosen, windowShown: () => windowShown };
}

describe('the tray presenter', () => {
  it('before the console reports anything, shows not connected', () => {
    const { presenter, tray } = presenterDesk();
    presenter.render();
    expect(tray.icon).toBe('disconnected');
    expect(tray.checkedStatus()).toBe('Offline');
  });

  it('brings the tray and the badge up to date from a presence report', () => {
    const { presenter, tray, badges } = presenterDesk();
    presenter.setPresence({ status: 'online', connected: true, waiting: 2 });
    expect(tray.icon).toBe('online');
    expect(tray.toolTip).toBe('Deskbell — Online — 2 chats waiting');
    expect(tray.checkedStatus()).toBe('Online');
    expect(badges).toEqual([2]);
  });

  it('render() is idempotent: a second call touches nothing native', () => {
    const { presenter, tray, badges } = presenterDesk();
    presenter.setPresence({ status: 'online', connected: true, waiting: 2 });
    const before = { calls: tray.calls.length, badges: badges.length };
    presenter.render();
    presenter.render();
    expect({ calls: tray.calls.length, badges: badges.length }).toEqual(before);
  });

  it('setters return early when nothing changed', () => {
    const { presenter, tray } = presenterDesk();
    presenter.setPresence({ status: 'away', connected: true, waiting: 1 });
    tray.calls = [];
    presenter.setPresence({ status: 'away', connected: true, waiting: 1 });
    presenter.setStatus('away');
    presenter.setConnected(true);
    presenter.setWaitingCount(1);
    expect(tray.calls).toEqual([]);
  });

  it('a new waiting chat changes only the tooltip and badge, not the icon or menu', () => {
    const { presenter, tray, badges } = presenterDesk();
    presenter.setPresence({ status: 'online', connected: true, waiting: 1 });
    tray.calls = [];
    presenter.setWaitingCount(2);
    expect(tray.calls).toEqual(['setToolTip']);
    expect(badges).toEqual([1, 2]);
  });

  it('losing the connection turns the icon grey-disconnected and back when it returns', () => {
    const { presenter, tray } = presenterDesk();
    presenter.setPresence({ status: 'internal', connected: true, waiting: 0 });
    presenter.setConnected(false);
    expect(tray.icon).toBe('disconnected');
    presenter.setConnected(true);
    expect(tray.icon).toBe('internal');
    presenter.setStatus('offline');
    expect(tray.icon).toBe('offline');
  });

  it('picking a status in the menu asks the console for it, and keeps the tick on the real status until it reports', () => {
    const { presenter, tray, chosen } = presenterDesk();
    presenter.setPresence({ status: 'online', connected: true, waiting: 0 });
    tray.calls = [];
    tray.pick('Away');
    expect(chosen).toEqual(['away']);
    // The native menu re-ticks the real status (the OS had already ticked Away).
    expect(tray.calls).toEqual(['setMenu']);
    expect(tray.checkedStatus()).toBe('Online');
    presenter.setStatus('away');
    expect(tray.checkedStatus()).toBe('Away');
  });

  it('Show Deskbell and a click on the icon show the window; Quit quits', () => {
    const { presenter, tray, quit, windowShown } = presenterDesk();
    presenter.render();
    tray.pick('Show Deskbell');
    presenter.clicked();
    expect(windowShown()).toBe(2);
    tray.pick('Quit');
    expect(quit.quits).toBe(1);
    presenter.choose({ kind: 'separator' });
    expect(windowShown()).toBe(2);
  });

  it('reports the model it shows', () => {
    const { presenter } = presenterDesk();
    presenter.setPresence({ status: 'away', connected: true, waiting: 1 });
    expect(presenter.model().tooltip).toBe('Deskbell — Away — 1 chat waiting');
  });
});

describe('the taskbar flash', () => {
  function flashDesk() {
    const flashes: boolean[] = [];
    const attention = new TaskbarAttention((on) => flashes.push(on));
    return { attention, flashes };
  }

  it('flashes the taskbar each time a new chat arrives', () => {
    const { attention, flashes } = flashDesk();
    attention.setWaiting(1);
    attention.setWaiting(2);
    expect(flashes).toEqual([true, true]);
  });

  it('stops flashing when nothing waits any more, and not before', () => {
    const { attention, flashes } = flashDesk();
    attention.setWaiting(2);
    attention.setWaiting(1);
    expect(flashes).toEqual([true]);
    attention.setWaiting(0);
    attention.setWaiting(0);
    expect(flashes).toEqual([true, false]);
  });
});
