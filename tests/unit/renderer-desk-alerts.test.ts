import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { DeskDepartment, DesktopBridge, MessageAlert, NewChatAlert, OperatorProfile } from '../../src/protocol';
import { DEFAULT_ESCALATION_LADDER } from '../../src/protocol';
import type { ConsoleState } from '../../renderer/store/console-state';
import { applyDeskAlarm, applyEscalation, darkDeskWords } from '../../renderer/store/desk-alerts';
import { chatSummaryOf } from './chat-fixtures';

/**
 * What the console does when the desk watch speaks: T1 brings the pop-up back
 * to whoever hears new chats, T2 to supervisors on duty, a dark desk pops up
 * and chirps for supervisors. A store with just the parts these read.
 */
function consoleOf(role: OperatorProfile['role'], status: ConsoleState['status']) {
  const said: string[] = [];
  const alarms: Array<{ department: DeskDepartment; raised: boolean }> = [];
  const store = createStore<ConsoleState>()(
    () =>
      ({
        operator: { id: 'me', username: 'me', displayName: 'Me', role, departmentIds: ['general-reference'] },
        status,
        announce: (text: string) => said.push(text),
        deskAlarmHeard: (department: DeskDepartment, raised: boolean) => alarms.push({ department, raised }),
      }) as unknown as ConsoleState,
  );
  const popups: NewChatAlert[] = [];
  const messages: MessageAlert[] = [];
  const bridge = {
    alertNewChat: (alert: NewChatAlert) => popups.push(alert),
    alertNewMessage: (alert: MessageAlert) => messages.push(alert),
    clearChatAlert: vi.fn(),
    chirp: vi.fn(),
  } as unknown as DesktopBridge;
  return { store, bridge, said, alarms, popups, messages };
}

const waiting = chatSummaryOf({
  id: 'c1',
  status: 'waiting',
  createdAt: Date.now() - 3 * 60_000,
  patron: { ...chatSummaryOf().patron, name: 'Jo' },
});

const department: DeskDepartment = {
  id: 'research-help',
  name: 'Research Help',
  hours: { open: true, opensAt: null, opensText: null },
  coverage: 'alarm',
  darkSince: Date.now() - 6 * 60_000,
  onlineOutsideHours: false,
  ladder: DEFAULT_ESCALATION_LADDER,
};

describe('escalation in the console', () => {
  it('past T1 an Online operator sees the pop-up again with how long the patron waited, and hears the chirp', () => {
    const { store, bridge, popups, said } = consoleOf('operator', 'online');
    applyEscalation(store, bridge, waiting, 1);
    expect(popups).toEqual([expect.objectContaining({ chatId: 'c1', note: 'Still waiting after 3 min' })]);
    expect(bridge.chirp).toHaveBeenCalledTimes(1);
    expect(said).toEqual(['Jo has waited 3 min in General Reference.']);
  });

  it('an Away operator is not called back, nor is an operator at T2', () => {
    const away = consoleOf('operator', 'away');
    applyEscalation(away.store, away.bridge, waiting, 1);
    expect(away.popups).toEqual([]);
    const online = consoleOf('operator', 'online');
    applyEscalation(online.store, online.bridge, waiting, 2);
    expect(online.popups).toEqual([]);
  });

  it('past T2 a supervisor on duty (Internal) gets the pop-up and the chirp; an Offline one does not', () => {
    const internal = consoleOf('supervisor', 'internal');
    applyEscalation(internal.store, internal.bridge, waiting, 2);
    expect(internal.popups).toEqual([expect.objectContaining({ note: 'Nobody has claimed it for 3 min' })]);
    expect(internal.bridge.chirp).toHaveBeenCalledTimes(1);
    const offline = consoleOf('supervisor', 'offline');
    applyEscalation(offline.store, offline.bridge, waiting, 2);
    expect(offline.popups).toEqual([]);
  });

  it('a chat claimed meanwhile is not alerted', () => {
    const { store, bridge, popups } = consoleOf('supervisor', 'online');
    applyEscalation(store, bridge, { ...waiting, status: 'active' }, 2);
    expect(popups).toEqual([]);
  });
});

describe('the dark-desk alarm in the console', () => {
  it('raised: the desktop pop-up (Open the Desk view) and the chirp; cleared: the pop-up goes', () => {
    const { store, bridge, messages, alarms, said } = consoleOf('supervisor', 'internal');
    applyDeskAlarm(store, bridge, department, true);
    expect(messages).toEqual([
      {
        kind: 'desk',
        id: 'research-help',
        from: 'Research Help',
        preview: 'Nobody has been Online for 6 min, in its hours of service.',
        notify: true,
      },
    ]);
    expect(bridge.chirp).toHaveBeenCalledTimes(1);
    expect(alarms).toEqual([{ department, raised: true }]);
    applyDeskAlarm(store, bridge, { ...department, coverage: 'covered', darkSince: null }, false);
    expect(bridge.clearChatAlert).toHaveBeenCalledWith('research-help');
    expect(said.at(-1)).toBe('Research Help is covered again.');
  });

  it('says how long in the library’s words', () => {
    expect(darkDeskWords({ ...department, darkSince: 0 }, 30_000)).toBe(
      'Nobody has been Online for under a minute, in its hours of service.',
    );
    expect(darkDeskWords({ ...department, darkSince: 0 }, 75 * 60_000)).toBe(
      'Nobody has been Online for 1 h 15 min, in its hours of service.',
    );
  });
});
