import { describe, expect, it } from 'vitest';
import type { AlertAction, DesktopSettings } from '../../src/protocol';
import {
  AlertService,
  MAX_VISIBLE_POPUPS,
  POPUP_GAP,
  POPUP_SIZE,
  type ShownAlert,
} from '../../electron/main/alerts/alert-service';
import { messagePopup } from '../../electron/main/alerts/connect-alerts';
import type { Rectangle } from '../../electron/main/alerts/placement';
import { display, FakeAlertWindowFactory, FakeScreen, FakeSystemNotifier } from '../fakes/alerts-fakes';

const FULL_HD = { x: 0, y: 0, width: 1920, height: 1080 };
const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1040 };
const LAPTOP = display(
  2,
  { x: 1920, y: 0, width: 1440, height: 900 },
  { x: 1920, y: 0, width: 1440, height: 860 },
  {
    scaleFactor: 2,
  },
);

function alert(chatId: string, patronName = 'Ada'): ShownAlert {
  return {
    chatId,
    patronName,
    departmentName: 'General Reference',
    preview: 'Do you have the 1911 census on microfilm?',
    note: null,
  };
}

function desk(options: { alertStyle?: DesktopSettings['alertStyle'] } = {}) {
  const windows = new FakeAlertWindowFactory();
  const screen = new FakeScreen([display(1, FULL_HD, WORK_AREA, { primary: true })]);
  const notifier = new FakeSystemNotifier();
  const actions: AlertAction[] = [];
  const warnings: string[] = [];
  let mainWindow: Rectangle | null = { x: 100, y: 100, width: 1200, height: 800 };
  let shown = 0;
  let alertStyle = options.alertStyle ?? 'deskbell';
  const service = new AlertService({
    windows,
    screen,
    notifier,
    mainWindowBounds: () => mainWindow,
    showMainWindow: () => (shown += 1),
    emitAction: (action) => actions.push(action),
    alertStyle: () => alertStyle,
    warn: (message) => warnings.push(message),
  });
  return {
    service,
    windows,
    screen,
    notifier,
    actions,
    warnings,
    shownCount: () => shown,
    moveMainWindow: (bounds: Rectangle | null) => (mainWindow = bounds),
    setAlertStyle: (style: DesktopSettings['alertStyle']) => (alertStyle = style),
  };
}

const cornerSlot = (slot: number, area: Rectangle = WORK_AREA): Rectangle => ({
  x: area.x + area.width - POPUP_GAP - POPUP_SIZE.width,
  y: area.y + area.height - POPUP_GAP - POPUP_SIZE.height - slot * (POPUP_SIZE.height + POPUP_GAP),
  ...POPUP_SIZE,
});

describe('new-chat pop-ups', () => {
  it("a patron's new chat pops up in the lower-right corner and the pop-up page gets that chat's alert", () => {
    const { service, windows } = desk();
    service.show(alert('c1'));
    const [popup] = windows.showing();
    expect(popup?.bounds).toEqual(cornerSlot(0));
    expect(service.alertFor(popup!.senderId)).toEqual(alert('c1'));
    expect(service.alertFor(999)).toBeNull();
  });

  it('a second chat stacks above the first, and when the first is claimed the second moves down to the corner', () => {
    const { service, windows } = desk();
    service.show(alert('c1'));
    service.show(alert('c2'));
    const [first, second] = windows.showing();
    expect(second?.bounds).toEqual(cornerSlot(1));
    service.clear('c1');
    expect(first?.closed).toBe(true);
    expect(second?.bounds).toEqual(cornerSlot(0));
    expect(service.visible()).toEqual(['c2']);
  });

  it('the same chat reported twice keeps one pop-up, with the newer words', () => {
    const { service, windows } = desk();
    service.show(alert('c1', 'Ada'));
    service.show(alert('c1', 'Ada Lovelace'));
    expect(windows.opened).toHaveLength(1);
    expect(service.alertFor(windows.opened[0]!.senderId)?.patronName).toBe('Ada Lovelace');
  });

  it('shows at most the cap at once; a waiting chat pops up as soon as one is claimed', () => {
    const { service, windows } = desk();
    const ids = Array.from({ length: MAX_VISIBLE_POPUPS + 2 }, (_, i) => `c${i}`);
    for (const id of ids) service.show(alert(id));
    expect(service.visible()).toEqual(ids.slice(0, MAX_VISIBLE_POPUPS));
    service.clear('c0');
    expect(service.visible()).toEqual(ids.slice(1, MAX_VISIBLE_POPUPS + 1));
    const newest = windows.showing().at(-1)!;
    expect(newest.bounds).toEqual(cornerSlot(MAX_VISIBLE_POPUPS - 1));
  });

  it('stays up until claimed, dismissed or ended: nothing takes it down by itself', () => {
    const { service, windows } = desk();
    service.show(alert('c1'));
    service.layout();
    expect(windows.showing()).toHaveLength(1);
    expect(windows.opened[0]!.moves).toBe(0);
  });
});

describe('clicking a pop-up', () => {
  it('Claim Chat asks the console to claim it and brings the console forward; the pop-up waits for the outcome', () => {
    const { service, windows, actions, shownCount } = desk();
    service.show(alert('c1'));
    const popup = windows.showing()[0]!;
    service.popupAction(popup.senderId, { chatId: 'c1', action: 'claim' });
    expect(actions).toEqual([{ chatId: 'c1', action: 'claim' }]);
    expect(shownCount()).toBe(1);
    expect(popup.closed).toBe(false);
  });

  it('Open chat on a message pop-up opens that chat or staff chat in the console', () => {
    const { service, windows, actions, shownCount } = desk();
    service.show(messagePopup({ kind: 'chat', id: 'c7', from: 'Pat', preview: 'Still there?', notify: true }));
    service.show(messagePopup({ kind: 'staff', id: 's3', from: 'Bob', preview: 'Can you take one?', notify: true }));
    const [chatPopup, staffPopup] = windows.showing();
    service.popupAction(chatPopup!.senderId, { chatId: 'c7', action: 'open' });
    service.popupAction(staffPopup!.senderId, { chatId: 's3', action: 'open' });
    expect(actions).toEqual([
      { chatId: 'c7', action: 'open-chat' },
      { chatId: 's3', action: 'open-staff-chat' },
    ]);
    expect(shownCount()).toBe(2);
    expect(service.alertFor(staffPopup!.senderId)).toMatchObject({ kind: 'staff-message', patronName: 'Bob' });
  });

  it('a dark-desk alarm pops up for the supervisor; Open opens the Desk view', () => {
    const { service, windows, actions } = desk();
    service.show(
      messagePopup({
        kind: 'desk',
        id: 'research-help',
        from: 'Research Help',
        preview: 'Nobody has been Online for 6 min, in its hours of service.',
        notify: true,
      }),
    );
    const [popup] = windows.showing();
    expect(service.alertFor(popup!.senderId)).toMatchObject({
      kind: 'desk-alarm',
      departmentName: 'Desk alarm',
      patronName: 'Research Help',
    });
    service.popupAction(popup!.senderId, { chatId: 'research-help', action: 'open' });
    expect(actions).toEqual([{ chatId: 'research-help', action: 'open-desk' }]);
  });

  it('Preview opens the chat in the console without claiming it', () => {
    const { service, windows, actions, shownCount } = desk();
    service.show(alert('c1'));
    service.popupAction(windows.showing()[0]!.senderId, { chatId: 'c1', action: 'preview' });
    expect(actions).toEqual([{ chatId: 'c1', action: 'preview' }]);
    expect(shownCount()).toBe(1);
  });

  it('dismiss closes only that pop-up, and the same chat does not pop up again until it is cleared', () => {
    const { service, windows, actions } = desk();
    service.show(alert('c1'));
    service.show(alert('c2'));
    const [first, second] = windows.showing();
    service.popupAction(first!.senderId, { chatId: 'c1', action: 'dismiss' });
    expect(first!.closed).toBe(true);
    expect(second!.closed).toBe(false);
    expect(second!.bounds).toEqual(cornerSlot(0));
    expect(actions).toEqual([]);
    service.show(alert('c1'));
    expect(service.visible()).toEqual(['c2']);
    service.clear('c1');
    service.show(alert('c1'));
    expect(service.visible()).toEqual(['c2', 'c1']);
  });

  it('a window cannot act on a chat it does not show', () => {
    const { service, windows, actions, warnings } = desk();
    service.show(alert('c1'));
    service.show(alert('c2'));
    const first = windows.showing()[0]!;
    service.popupAction(first.senderId, { chatId: 'c2', action: 'claim' });
    service.popupAction(first.senderId, { chatId: 'unknown', action: 'dismiss' });
    expect(actions).toEqual([]);
    expect(service.visible()).toEqual(['c1', 'c2']);
    expect(warnings).toHaveLength(2);
  });

  it('a pop-up closed by the operating system counts as dismissed and the others move down', () => {
    const { service, windows } = desk();
    service.show(alert('c1'));
    service.show(alert('c2'));
    const [first, second] = windows.showing();
    first!.closeFromOutside();
    expect(service.visible()).toEqual(['c2']);
    expect(second!.bounds).toEqual(cornerSlot(0));
    service.show(alert('c1'));
    expect(service.visible()).toEqual(['c2']);
  });
});

describe('displays', () => {
  it('when the console moves to another monitor and the displays change, the pop-ups follow it', () => {
    const { service, windows, screen, moveMainWindow } = desk();
    service.show(alert('c1'));
    moveMainWindow({ x: 2000, y: 50, width: 1200, height: 700 });
    screen.change([display(1, FULL_HD, WORK_AREA, { primary: true }), LAPTOP]);
    expect(windows.showing()[0]!.bounds).toEqual(cornerSlot(0, LAPTOP.workArea));
  });

  it('when the taskbar moves, the pop-ups move with the work area', () => {
    const { service, windows, screen } = desk();
    service.show(alert('c1'));
    const taskbarOnRight = { x: 0, y: 0, width: 1860, height: 1080 };
    screen.change([display(1, FULL_HD, taskbarOnRight, { primary: true })]);
    expect(windows.showing()[0]!.bounds).toEqual(cornerSlot(0, taskbarOnRight));
  });

  it('when a smaller screen holds fewer pop-ups, the extra ones close and wait for room', () => {
    const { service, screen } = desk();
    for (const id of ['a', 'b', 'c', 'd']) service.show(alert(id));
    const small = { x: 0, y: 0, width: 1024, height: 400 };
    screen.change([display(1, small, small, { primary: true })]);
    expect(service.visible()).toEqual(['a', 'b']);
    service.clear('a');
    expect(service.visible()).toEqual(['b', 'c']);
  });

  it('a pop-up that fails to open is reported and retried at the next layout, while the rest still show', () => {
    const { service, windows, warnings } = desk();
    windows.failNext = true;
    service.show(alert('c1'));
    service.show(alert('c2'));
    expect(warnings).toEqual(['The pop-up for chat c1 could not open']);
    expect(service.visible()).toEqual(['c1', 'c2']);
  });

  it('on quit every pop-up closes and the screen is no longer watched', () => {
    const { service, windows, screen } = desk();
    service.show(alert('c1'));
    service.dispose();
    expect(windows.opened.every((w) => w.closed)).toBe(true);
    expect(screen.listenerCount()).toBe(0);
  });
});

describe('the operating system notifications setting', () => {
  it("routes new chats to the system's notifications instead of Deskbell's pop-ups", async () => {
    const { service, windows, notifier } = desk({ alertStyle: 'system' });
    service.show({ ...alert('c1'), note: 'Transferred from Research Help' });
    await Promise.resolve();
    expect(windows.opened).toHaveLength(0);
    expect(notifier.notices).toEqual([
      {
        id: 'c1',
        title: 'New patron chat — General Reference',
        message: 'Ada: Do you have the 1911 census on microfilm?\nTransferred from Research Help',
      },
    ]);
  });

  it('a chat with no question yet still says so', async () => {
    const { service, notifier } = desk({ alertStyle: 'system' });
    service.show({ ...alert('c1'), preview: '  ' });
    await Promise.resolve();
    expect(notifier.notices[0]?.message).toBe('Ada: (no question yet)');
  });

  it('reports a notification that could not show, without stopping later alerts', async () => {
    const { service, notifier, warnings, setAlertStyle, windows } = desk({ alertStyle: 'system' });
    notifier.fail = true;
    service.show(alert('c1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual(['The system notification did not show']);
    setAlertStyle('deskbell');
    service.show(alert('c2'));
    expect(windows.showing()).toHaveLength(1);
  });
});
