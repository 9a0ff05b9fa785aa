import { describe, expect, it } from 'vitest';
import { draftOf, hoursOfDraft, sameHours } from '../../renderer/features/admin/hours-draft';
import { summarizeHours } from '../../renderer/features/admin/hours-summary';
import type { ServiceHours } from '../../src/protocol';

const WEEKDAYS_NINE_TO_FIVE: ServiceHours = {
  weekly: {
    mon: [{ open: '09:00', close: '17:00' }],
    tue: [{ open: '09:00', close: '17:00' }],
    wed: [{ open: '09:00', close: '17:00' }],
    thu: [{ open: '09:00', close: '17:00' }],
    fri: [{ open: '09:00', close: '17:00' }],
    sat: [
      { open: '18:00', close: '20:00' },
      { open: '10:00', close: '13:00' },
    ],
    sun: [],
  },
  closedDates: ['2026-12-25'],
};

describe('the Departments screen’s hours of service', () => {
  it('the table sums up a week in runs of days with the same hours, and counts the closed dates', () => {
    expect(summarizeHours(WEEKDAYS_NINE_TO_FIVE)).toBe(
      'Mon–Fri 09:00–17:00; Sat 10:00–13:00, 18:00–20:00; Sun closed; 1 closed date',
    );
    expect(summarizeHours(null)).toBe('Always open');
  });

  it('a department without hours is always open until the admin chooses hours, which start as a weekday 9 to 5', () => {
    const draft = draftOf(null);
    expect(hoursOfDraft(draft)).toEqual({ ok: true, hours: null });
    const chosen = hoursOfDraft({ ...draft, alwaysOpen: false });
    expect(chosen.ok && chosen.hours?.weekly.mon).toEqual([{ open: '09:00', close: '17:00' }]);
    expect(chosen.ok && chosen.hours?.weekly.sun).toEqual([]);
  });

  it('a closing time of 00:00 is midnight, and the closed dates are kept once each, in order', () => {
    const draft = draftOf(WEEKDAYS_NINE_TO_FIVE);
    draft.weekly.fri = [{ open: '18:00', close: '00:00' }];
    draft.closedDates = ['2027-01-01', '2026-12-25', '2027-01-01'];
    const result = hoursOfDraft(draft);
    expect(result.ok && result.hours?.weekly.fri).toEqual([{ open: '18:00', close: '24:00' }]);
    expect(result.ok && result.hours?.closedDates).toEqual(['2026-12-25', '2027-01-01']);
  });

  it('a stretch that closes before it opens, or overlaps another, is named by its day', () => {
    const backwards = draftOf(WEEKDAYS_NINE_TO_FIVE);
    backwards.weekly.tue = [{ open: '17:00', close: '09:00' }];
    expect(hoursOfDraft(backwards)).toEqual({ ok: false, error: 'Tuesday, hours 1: closes before it opens.' });
    const overlapping = draftOf(WEEKDAYS_NINE_TO_FIVE);
    overlapping.weekly.wed = [
      { open: '09:00', close: '13:00' },
      { open: '12:00', close: '17:00' },
    ];
    expect(hoursOfDraft(overlapping)).toEqual({ ok: false, error: 'Wednesday: has stretches that overlap.' });
    const empty = draftOf(WEEKDAYS_NINE_TO_FIVE);
    empty.weekly.thu = [{ open: '', close: '17:00' }];
    expect(hoursOfDraft(empty)).toEqual({
      ok: false,
      error: 'Thursday, hours 1, opening time: is not a time of day like 09:00.',
    });
  });

  it('the same hours typed in another order are not a change', () => {
    const reordered = structuredClone(WEEKDAYS_NINE_TO_FIVE);
    reordered.weekly.sat.reverse();
    expect(sameHours(reordered, WEEKDAYS_NINE_TO_FIVE)).toBe(true);
    expect(sameHours(null, WEEKDAYS_NINE_TO_FIVE)).toBe(false);
  });
});
