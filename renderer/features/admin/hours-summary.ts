import { WEEKDAYS, type ServiceHours, type ServiceSpan, type Weekday } from '../../../src/protocol';

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const SHORT: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const spansText = (spans: readonly ServiceSpan[]) =>
  spans.length === 0
    ? 'closed'
    : [...spans]
        .sort((a, b) => a.open.localeCompare(b.open))
        .map((span) => `${span.open}–${span.close}`)
        .join(', ');

/**
 * A department's hours in one line for the table: days in a row with the same
 * hours are one run ("Mon–Fri 09:00–17:00; Sat 10:00–14:00; Sun closed"),
 * then how many closed dates. No hours at all: "Always open".
 */
export function summarizeHours(hours: ServiceHours | null): string {
  if (hours === null) return 'Always open';
  const runs: Array<{ from: Weekday; to: Weekday; text: string }> = [];
  for (const day of WEEKDAYS) {
    const text = spansText(hours.weekly[day]);
    const last = runs[runs.length - 1];
    if (last && last.text === text) last.to = day;
    else runs.push({ from: day, to: day, text });
  }
  const week =
    runs.length === 1 && runs[0]!.text === 'closed'
      ? 'Closed every day'
      : runs.map((run) => `${SHORT[run.from]}${run.from === run.to ? '' : `–${SHORT[run.to]}`} ${run.text}`).join('; ');
  const dates = hours.closedDates.length;
  return dates === 0 ? week : `${week}; ${dates} closed ${dates === 1 ? 'date' : 'dates'}`;
}
