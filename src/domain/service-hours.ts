import { DateTime, IANAZone } from 'luxon';
import { type DeskHoursNow, type ServiceHours, WEEKDAYS } from '../protocol/service-hours';

/**
 * Whether a department is in its hours of service, and when it opens next:
 * the one home of that rule (the widget's "closed" notice, refusing a chat
 * outside hours, the dark-desk alarm). Times are wall-clock times in the
 * library's time zone, so "09:00" stays 9 in the morning across a
 * daylight-saving change; Luxon does the zone arithmetic.
 */

/** How far ahead "opens next" looks: past two weeks a notice would say nothing useful. */
const LOOKAHEAD_DAYS = 14;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** The day's stretches as instants (epoch ms), in order; none on a closed date. */
function stretchesOn(hours: ServiceHours, day: DateTime): Array<{ open: number; close: number }> {
  const date = day.toISODate();
  if (date === null || hours.closedDates.includes(date)) return [];
  const weekday = WEEKDAYS[day.weekday - 1];
  if (!weekday) return [];
  const midnight = day.startOf('day');
  // A wall-clock time skipped by a change (02:30 on a spring-forward night) comes out an hour later, as Luxon shifts it.
  const wall = (clock: string) =>
    clock === '24:00'
      ? midnight.plus({ days: 1 }).toMillis()
      : DateTime.fromObject(
          {
            year: day.year,
            month: day.month,
            day: day.day,
            hour: Math.floor(minutesOf(clock) / 60),
            minute: minutesOf(clock) % 60,
          },
          { zone: day.zone },
        ).toMillis();
  return hours.weekly[weekday]
    .map((span) => ({ open: wall(span.open), close: wall(span.close) }))
    .sort((a, b) => a.open - b.open);
}

/** In hours right now. No hours (null) means always open. */
export function isOpen(hours: ServiceHours | null, zone: string, now: number): boolean {
  if (hours === null) return true;
  const today = DateTime.fromMillis(now, { zone });
  // Yesterday too: a stretch never crosses midnight, but this keeps the rule obviously whole.
  return [today.minus({ days: 1 }), today].some((day) =>
    stretchesOn(hours, day).some((span) => span.open <= now && now < span.close),
  );
}

/** When the department next opens after `now` (epoch ms), or null if not within two weeks (or always open). */
export function nextOpening(hours: ServiceHours | null, zone: string, now: number): number | null {
  if (hours === null) return null;
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset += 1) {
    const found = stretchesOn(hours, today.plus({ days: offset })).find((span) => span.open > now);
    if (found) return found.open;
  }
  return null;
}

/** "today at 13:00", "tomorrow at 9:00", "Monday 9:00", "Monday 22 December 9:00" (past a week). */
export function describeOpening(at: number, zone: string, now: number): string {
  const when = DateTime.fromMillis(at, { zone }).setLocale('en-GB');
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const days = Math.round(when.startOf('day').diff(today, 'days').days);
  const clock = when.toFormat('H:mm');
  if (days === 0) return `today at ${clock}`;
  if (days === 1) return `tomorrow at ${clock}`;
  if (days < 7) return `${when.toFormat('cccc')} ${clock}`;
  return `${when.toFormat('cccc d LLLL')} ${clock}`;
}

/** What the widget shows: open, or closed and when it opens next. */
export function deskHoursNow(hours: ServiceHours | null, zone: string, now: number): DeskHoursNow {
  if (isOpen(hours, zone, now)) return { open: true, opensAt: null, opensText: null };
  const opensAt = nextOpening(hours, zone, now);
  return { open: false, opensAt, opensText: opensAt === null ? null : describeOpening(opensAt, zone, now) };
}

/**
 * When the stretch of service that `now` falls in began (epoch ms), or null
 * when the department is closed now. Always open (no hours) has no start:
 * the caller counts from when it began watching.
 */
export function openSince(hours: ServiceHours | null, zone: string, now: number): number | null {
  if (hours === null) return null;
  const today = DateTime.fromMillis(now, { zone });
  for (const day of [today, today.minus({ days: 1 })]) {
    const span = stretchesOn(hours, day).find((stretch) => stretch.open <= now && now < stretch.close);
    if (span) return span.open;
  }
  return null;
}
