import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { coverageDecision, type CoverageFacts, onlineOutsideHours } from '../../src/domain/dark-desk';
import { dueEscalations, escalationStepAt, rungsPassed } from '../../src/domain/escalation';
import { openSince } from '../../src/domain/service-hours';
import { DEFAULT_ESCALATION_LADDER, escalationLadderSchema } from '../../src/protocol/escalation';
import { serviceHoursSchema } from '../../src/protocol/service-hours';

const ladder = DEFAULT_ESCALATION_LADDER; // 120 s, 300 s, 600 s
const MIN = 60_000;

describe('the escalation ladder', () => {
  it('climbs at T1, T2 and T3 and not a moment before', () => {
    const start = 1_000_000;
    expect(escalationStepAt(ladder, start, start + 2 * MIN - 1)).toBe(0);
    expect(escalationStepAt(ladder, start, start + 2 * MIN)).toBe(1);
    expect(escalationStepAt(ladder, start, start + 5 * MIN - 1)).toBe(1);
    expect(escalationStepAt(ladder, start, start + 5 * MIN)).toBe(2);
    expect(escalationStepAt(ladder, start, start + 10 * MIN)).toBe(3);
    expect(escalationStepAt(ladder, start, start + 600 * MIN)).toBe(3);
  });

  it('names only the chats that climbed past the rung already acted on, each with its own department’s ladder', () => {
    const quick = { t1Seconds: 10, t2Seconds: 20, t3Seconds: 30, backupDepartmentId: null };
    const now = 10 * MIN;
    const due = dueEscalations(
      [
        { id: 'a', departmentId: 'ref', waitingSince: now - 3 * MIN, step: 0 },
        { id: 'b', departmentId: 'ref', waitingSince: now - 3 * MIN, step: 1 },
        { id: 'c', departmentId: 'quick', waitingSince: now - 25_000, step: 0 },
        { id: 'd', departmentId: 'ref', waitingSince: now - 30_000, step: 0 },
      ],
      (id) => (id === 'quick' ? quick : ladder),
      now,
    );
    expect(due).toEqual([
      { chatId: 'a', departmentId: 'ref', from: 0, to: 1 },
      { chatId: 'c', departmentId: 'quick', from: 0, to: 2 },
    ]);
  });

  it('acts on every rung a chat skipped, lowest first', () => {
    expect(rungsPassed(0, 3)).toEqual([1, 2, 3]);
    expect(rungsPassed(1, 2)).toEqual([2]);
    expect(rungsPassed(2, 2)).toEqual([]);
  });

  it('refuses a ladder whose rungs are out of order, naming the rung', () => {
    const result = escalationLadderSchema.safeParse({
      t1Seconds: 300,
      t2Seconds: 120,
      t3Seconds: 600,
      backupDepartmentId: null,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['t2Seconds']);
  });
});

describe('the dark-desk alarm', () => {
  const base: CoverageFacts = { open: true, openSince: 0, someoneOnline: false, coveredAt: 0, alarmSince: null };

  it('raises after N minutes of nobody Online in hours, counted from the later of opening and the last cover', () => {
    expect(coverageDecision({ ...base, coveredAt: 2 * MIN }, 6 * MIN, 5 * MIN)).toEqual({
      kind: 'dark',
      darkSince: 2 * MIN,
    });
    expect(coverageDecision({ ...base, coveredAt: 2 * MIN }, 7 * MIN, 5 * MIN)).toEqual({
      kind: 'raise',
      darkSince: 2 * MIN,
    });
    // Covered all night (a forgotten Online), then the stretch opened at 9: counted from the opening.
    expect(coverageDecision({ ...base, openSince: 10 * MIN, coveredAt: 0 }, 14 * MIN, 5 * MIN).kind).toBe('dark');
    expect(coverageDecision({ ...base, openSince: 10 * MIN, coveredAt: 0 }, 15 * MIN, 5 * MIN).kind).toBe('raise');
  });

  it('raises once: a standing alarm stays dark until someone is Online or the desk closes', () => {
    const raised = { ...base, alarmSince: 5 * MIN };
    expect(coverageDecision(raised, 60 * MIN, 5 * MIN).kind).toBe('dark');
    expect(coverageDecision({ ...raised, someoneOnline: true }, 60 * MIN, 5 * MIN).kind).toBe('clear');
    expect(coverageDecision({ ...raised, open: false, openSince: null }, 60 * MIN, 5 * MIN).kind).toBe('clear');
  });

  it('says nothing outside hours, and shows someone Online then', () => {
    const closed = { ...base, open: false, openSince: null };
    expect(coverageDecision(closed, 600 * MIN, 5 * MIN)).toEqual({ kind: 'closed' });
    expect(onlineOutsideHours({ open: false, someoneOnline: true })).toBe(true);
    expect(onlineOutsideHours({ open: true, someoneOnline: true })).toBe(false);
  });

  it('knows when the stretch began across a daylight-saving change (London, 29 March 2026)', () => {
    const zone = 'Europe/London';
    const hours = serviceHoursSchema.parse({
      weekly: {
        mon: [],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sat: [{ open: '22:00', close: '24:00' }],
        sun: [{ open: '01:00', close: '05:00' }],
      },
      closedDates: [],
    });
    // Clocks go forward at 01:00 GMT on Sunday 29 March: 01:00 local does not exist, so the stretch opens at 02:00 BST (01:00 UTC).
    const inside = DateTime.fromISO('2026-03-29T03:30', { zone }).toMillis();
    expect(new Date(openSince(hours, zone, inside)!).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    const saturdayNight = DateTime.fromISO('2026-03-28T23:00', { zone }).toMillis();
    expect(new Date(openSince(hours, zone, saturdayNight)!).toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(openSince(hours, zone, DateTime.fromISO('2026-03-29T06:00', { zone }).toMillis())).toBeNull();
    expect(openSince(null, zone, inside)).toBeNull();
  });
});
