/**
 * The Reports page's ranges: local days (yyyy-mm-dd) in the library's time
 * zone, both ends included, as the server counts them. Day arithmetic is done
 * on the calendar (UTC dates stand for local days), never on instants, so a
 * daylight-saving change cannot shift a range by an hour into the next day.
 */

export interface DayRange {
  from: string;
  to: string;
}

export type QuickPick = 'last-7-days' | 'last-30-days' | 'this-month' | 'last-month' | 'this-year' | 'last-12-months';

/** The quick picks in the order the page offers them, with their words. */
export const QUICK_PICKS: readonly { pick: QuickPick; label: string }[] = [
  { pick: 'last-7-days', label: 'Last 7 days' },
  { pick: 'last-30-days', label: 'Last 30 days' },
  { pick: 'this-month', label: 'This month' },
  { pick: 'last-month', label: 'Last month' },
  { pick: 'this-year', label: 'This year' },
  { pick: 'last-12-months', label: 'Last 12 months' },
];

/** Today's date where the library is (`timeZone` from the summary), or where the browser is when not known yet. */
export function todayIn(timeZone: string | undefined, now: number = Date.now()): string {
  try {
    // en-CA writes dates as yyyy-mm-dd.
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    // A zone this browser does not know: the browser's own.
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

const toDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date): string => date.toISOString().slice(0, 10);

/** `day` moved by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/** How many days the range covers, both ends included (0 when `to` is before `from`). */
export function daysIn(range: DayRange): number {
  const days = Math.round((toDate(range.to).getTime() - toDate(range.from).getTime()) / 86_400_000) + 1;
  return Math.max(0, days);
}

/** The same day `years` later (29 February becomes 28 February in a common year). */
function shiftYear(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year + years, month - 1, date));
  // Past the month's end (29 Feb in a common year): its last day instead.
  if (target.getUTCMonth() !== month - 1) target.setUTCDate(0);
  return toDay(target);
}

/** The range a quick pick stands for, ending today (`today` in the library's zone). */
export function quickRange(pick: QuickPick, today: string): DayRange {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const monthStart = (y: number, m: number) => toDay(new Date(Date.UTC(y, m - 1, 1)));
  switch (pick) {
    case 'last-7-days':
      return { from: addDays(today, -6), to: today };
    case 'last-30-days':
      return { from: addDays(today, -29), to: today };
    case 'this-month':
      return { from: monthStart(year, month), to: today };
    case 'last-month':
      return { from: monthStart(year, month - 1), to: addDays(monthStart(year, month), -1) };
    case 'this-year':
      return { from: `${year}-01-01`, to: today };
    case 'last-12-months':
      // A year back to the day (365 or 366 days): unlike "This year", the same length whatever the month.
      return { from: addDays(shiftYear(today, -1), 1), to: today };
  }
}

/** The quick pick a range is, if it is one (so the page can show which is chosen). */
export function quickPickOf(range: DayRange, today: string): QuickPick | null {
  const found = QUICK_PICKS.find(({ pick }) => {
    const candidate = quickRange(pick, today);
    return candidate.from === range.from && candidate.to === range.to;
  });
  return found?.pick ?? null;
}

/** What is wrong with a range before it is asked for, in words; null when it can be asked. */
export function rangeProblem(range: DayRange, maxDays: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.from)) return 'Choose the first day (From).';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(range.to)) return 'Choose the last day (To).';
  if (range.to < range.from) return 'The last day (To) is before the first day (From).';
  if (daysIn(range) > maxDays) return `A report covers at most ${maxDays} days: choose a shorter range.`;
  return null;
}
