import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deskHoursNow, describeOpening, isOpen, isValidTimeZone, nextOpening } from '../../src/domain/service-hours';
import { type ServiceHours, serviceHoursSchema } from '../../src/protocol/service-hours';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const weekdays = (spans: ServiceHours['weekly']['mon']): ServiceHours =>
  serviceHoursSchema.parse({
    weekly: { mon: spans, tue: spans, wed: spans, thu: spans, fri: spans, sat: [], sun: [] },
    closedDates: [],
  });
const nineToFive = weekdays([{ open: '09:00', close: '17:00' }]);

describe('hours of service', () => {
  it('no hours means always open, and nothing to wait for', () => {
    expect(isOpen(null, LONDON, Date.now())).toBe(true);
    expect(nextOpening(null, LONDON, Date.now())).toBeNull();
  });

  it('is open inside a stretch and closed at its close, in the library’s zone, not the server’s', () => {
    // Wednesday 2 December 2026.
    expect(isOpen(nineToFive, NEW_YORK, at('2026-12-02T08:59', NEW_YORK))).toBe(false);
    expect(isOpen(nineToFive, NEW_YORK, at('2026-12-02T09:00', NEW_YORK))).toBe(true);
    expect(isOpen(nineToFive, NEW_YORK, at('2026-12-02T16:59', NEW_YORK))).toBe(true);
    expect(isOpen(nineToFive, NEW_YORK, at('2026-12-02T17:00', NEW_YORK))).toBe(false);
    // 15:00 in London is 10:00 in New York: open there, whatever this machine's zone is.
    expect(isOpen(nineToFive, NEW_YORK, at('2026-12-02T15:00', LONDON))).toBe(true);
    expect(isOpen(nineToFive, LONDON, at('2026-12-02T18:00', LONDON))).toBe(false);
  });

  it('after Friday’s close the next opening is Monday 9:00, said in the library’s words', () => {
    const friday = at('2026-12-04T17:30', LONDON);
    const opens = nextOpening(nineToFive, LONDON, friday);
    expect(opens).toBe(at('2026-12-07T09:00', LONDON));
    expect(deskHoursNow(nineToFive, LONDON, friday)).toEqual({ open: false, opensAt: opens, opensText: 'Monday 9:00' });
    expect(deskHoursNow(nineToFive, LONDON, at('2026-12-02T07:00', LONDON)).opensText).toBe('today at 9:00');
    expect(deskHoursNow(nineToFive, LONDON, at('2026-12-02T20:00', LONDON)).opensText).toBe('tomorrow at 9:00');
  });

  it('skips closed dates (holidays) and split days', () => {
    const hours: ServiceHours = {
      ...weekdays([
        { open: '09:00', close: '12:00' },
        { open: '13:00', close: '17:00' },
      ]),
      closedDates: ['2026-12-25', '2026-12-28'],
    };
    expect(isOpen(hours, LONDON, at('2026-12-02T12:30', LONDON))).toBe(false);
    expect(deskHoursNow(hours, LONDON, at('2026-12-02T12:30', LONDON)).opensText).toBe('today at 13:00');
    expect(isOpen(hours, LONDON, at('2026-12-25T10:00', LONDON))).toBe(false);
    // Christmas Day is a Friday, the 28th a Monday: next is Tuesday the 29th.
    expect(nextOpening(hours, LONDON, at('2026-12-24T18:00', LONDON))).toBe(at('2026-12-29T09:00', LONDON));
    expect(describeOpening(at('2026-12-29T09:00', LONDON), LONDON, at('2026-12-21T18:00', LONDON))).toBe(
      'Tuesday 29 December 9:00',
    );
  });

  it('keeps 9:00 at nine across the spring-forward and fall-back changes', () => {
    // London springs forward on Sunday 29 March 2026 and falls back on Sunday 25 October 2026.
    const daily = serviceHoursSchema.parse({
      weekly: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '09:00', close: '17:00' }]]),
      ),
    });
    const beforeSpring = nextOpening(daily, LONDON, at('2026-03-28T18:00', LONDON));
    expect(DateTime.fromMillis(beforeSpring ?? 0, { zone: LONDON }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      '2026-03-29 09:00',
    );
    expect(beforeSpring).toBe(Date.UTC(2026, 2, 29, 8, 0)); // 09:00 BST is 08:00 UTC
    const beforeFall = nextOpening(daily, LONDON, at('2026-10-24T18:00', LONDON));
    expect(beforeFall).toBe(Date.UTC(2026, 9, 25, 9, 0)); // 09:00 GMT is 09:00 UTC
    // From Saturday's close to Sunday's opening is 15 hours, not the 16 the clocks show.
    expect(((beforeSpring ?? 0) - at('2026-03-28T17:00', LONDON)) / 3_600_000).toBe(15);
    expect(isOpen(daily, NEW_YORK, Date.UTC(2026, 2, 8, 13, 30))).toBe(true); // 09:30 EDT, the first morning of it
    // A stretch that starts in the skipped hour (01:00-02:00 GMT) opens an hour later by the clocks, at the same instant.
    const night = serviceHoursSchema.parse({
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ open: '01:30', close: '04:00' }] },
    });
    expect(nextOpening(night, LONDON, at('2026-03-28T12:00', LONDON))).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('refuses malformed schedules naming what is wrong', () => {
    const bad = (weekly: unknown) => serviceHoursSchema.safeParse({ weekly, closedDates: [] });
    const day = (spans: unknown) => ({ mon: spans, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
    expect(bad(day([{ open: '9am', close: '17:00' }])).error?.issues[0]?.message).toBe(
      'is not a time of day like 09:00',
    );
    expect(bad(day([{ open: '17:00', close: '09:00' }])).error?.issues[0]?.message).toBe('closes before it opens');
    expect(
      bad(
        day([
          { open: '09:00', close: '13:00' },
          { open: '12:00', close: '17:00' },
        ]),
      ).error?.issues[0]?.message,
    ).toBe('has stretches that overlap');
    expect(bad({ mon: [] }).success).toBe(false);
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
