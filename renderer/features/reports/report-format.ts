import type { Distribution, ReportSummary } from '../../../src/protocol/reports';
import type { DayRange } from './report-dates';

/**
 * Words and numbers of the Reports page, kept pure so they are tested alone:
 * durations as a librarian says them ("1 min 20 s"), counts with separators,
 * days and hours in the library's own terms, the summaries screen readers
 * hear for each chart, and the names of downloaded files.
 */

const count = new Intl.NumberFormat('en');

/** "1,234". */
export const formatCount = (value: number): string => count.format(value);

/** "42%" of a share 0 to 1; "–" when there is no share. */
export function formatShare(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '–';
  return `${Math.round(share * 100)}%`;
}

/** "42%" of `part` in `whole`; "–" when the whole is nothing. */
export const formatPercent = (part: number, whole: number): string => formatShare(whole > 0 ? part / whole : null);

/** "4.3" (one decimal) or "–". */
export const formatRating = (rating: number | null): string => (rating === null ? '–' : rating.toFixed(1));

/** A duration as spoken: "45 s", "1 min 20 s", "2 h 5 min", "40 h"; "–" when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '–';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  // Hours however many: "40 h" of an operator's month reads better than "1 day 16 h".
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${formatCount(hours)} h ${rest} min` : `${formatCount(hours)} h`;
}

/** "median 1 min 20 s, 90th percentile 4 min (over 120 chats)", or why there is none. */
export function distributionWords(distribution: Distribution): string {
  if (distribution.count === 0 || distribution.medianMs === null) return 'No chats to measure in this range';
  const over = `over ${formatCount(distribution.count)} ${distribution.count === 1 ? 'chat' : 'chats'}`;
  return `median ${formatDuration(distribution.medianMs)}, 90th percentile ${formatDuration(distribution.p90Ms)} (${over})`;
}

/** "1 chat" / "3 chats". */
export const chatsWord = (chats: number): string => `${formatCount(chats)} ${chats === 1 ? 'chat' : 'chats'}`;

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The parts of a local day, put together by hand: engines differ on the commas between them. */
function dayParts(day: string): { weekday: string; day: string; month: string; year: string } {
  const parts = Object.fromEntries(
    dayFormat.formatToParts(new Date(`${day}T00:00:00Z`)).map((part) => [part.type, part.value]),
  );
  return { weekday: parts.weekday ?? '', day: parts.day ?? '', month: parts.month ?? '', year: parts.year ?? '' };
}

/** "5 Jan 2026" for a local day (the day itself, whatever the browser's zone). */
export function formatDate(day: string): string {
  const parts = dayParts(day);
  return `${parts.day} ${parts.month} ${parts.year}`;
}

/** "Mon 5 Jan 2026". */
export const formatDay = (day: string): string => `${dayParts(day).weekday} ${formatDate(day)}`;

/** "5 Jan", for chart axes. */
export function formatShortDay(day: string): string {
  const parts = dayParts(day);
  return `${parts.day} ${parts.month}`;
}

/** "Week of 5 Jan 2026" for an ISO week's Monday. */
export const formatWeek = (monday: string): string => `Week of ${formatDate(monday)}`;

/** "January 2026" for "2026-01". */
export const formatMonth = (month: string): string => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

/** "1 Jan 2026 to 31 Jan 2026". */
export const formatRange = (range: DayRange): string => `${formatDate(range.from)} to ${formatDate(range.to)}`;

/** Monday (1) to Sunday (7), as the summary numbers them. */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const weekdayName = (weekday: number): string => WEEKDAYS[weekday - 1] ?? `Day ${weekday}`;
export const weekdayShort = (weekday: number): string => weekdayName(weekday).slice(0, 3);

/** "09:00" for hour 9. */
export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;
/** "09:00–10:00" for hour 9. */
export const hourSpan = (hour: number): string => `${hourLabel(hour)}–${hourLabel((hour + 1) % 24)}`;

export type HeatmapCell = ReportSummary['heatmap'][number];

/**
 * A weekday-hour where chats arrived while, most of those hours, nobody who
 * answers was Online: the gap a supervisor staffs next.
 */
export const isStaffingGap = (cell: HeatmapCell): boolean => cell.chats > 0 && cell.staffedShare < 0.5;

/** The 7 x 24 cells as rows of weekdays, each hour in order; cells the summary left out count zero. */
export function heatmapGrid(cells: readonly HeatmapCell[]): HeatmapCell[][] {
  const byKey = new Map(cells.map((cell) => [`${cell.weekday}:${cell.hour}`, cell]));
  return WEEKDAYS.map((_, index) =>
    Array.from(
      { length: 24 },
      (__, hour) => byKey.get(`${index + 1}:${hour}`) ?? { weekday: index + 1, hour, chats: 0, staffedShare: 0 },
    ),
  );
}

/** What a screen reader hears for the arrivals heatmap. */
export function heatmapSummary(cells: readonly HeatmapCell[]): string {
  const total = cells.reduce((sum, cell) => sum + cell.chats, 0);
  if (total === 0) return 'When chats arrive, by weekday and hour: no chats in this range.';
  const busiest = cells.reduce((best, cell) => (cell.chats > best.chats ? cell : best));
  const gaps = cells.filter(isStaffingGap).length;
  const gapWords =
    gaps === 0
      ? 'every hour with chats was staffed most of the time'
      : `${gaps} ${gaps === 1 ? 'hour' : 'hours'} with chats while nobody was Online most of the time`;
  return `When chats arrive, by weekday and hour: ${chatsWord(total)}; busiest ${weekdayName(busiest.weekday)} ${hourSpan(busiest.hour)} with ${chatsWord(busiest.chats)}; ${gapWords}. The table below has every hour.`;
}

/** What a screen reader hears for the staffing heatmap. */
export function staffingSummary(cells: readonly HeatmapCell[]): string {
  const staffed = cells.filter((cell) => cell.staffedShare > 0).length;
  return `Hours someone was Online, by weekday and hour: ${staffed} of 168 weekday-hours were staffed at some time in this range. The table below has every hour.`;
}

/** What a screen reader hears for a bar chart: its title, the total, and the largest bars. */
export function barsSummary(title: string, bars: readonly { label: string; chats: number }[]): string {
  const total = bars.reduce((sum, bar) => sum + bar.chats, 0);
  if (total === 0) return `${title}: no chats in this range.`;
  const top = [...bars]
    .sort((a, b) => b.chats - a.chats)
    .slice(0, 3)
    .filter((bar) => bar.chats > 0)
    .map((bar) => `${bar.label} ${formatCount(bar.chats)}`)
    .join(', ');
  return `${title}: ${chatsWord(total)} in ${bars.length} ${bars.length === 1 ? 'bar' : 'bars'}; largest ${top}. The table has every bar.`;
}

/** "3 Dec 2026, 14:41" where the library is: the report's times are the library's, not the browser's. */
export function formatDateTimeIn(epochMs: number, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(epochMs);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(epochMs);
  }
}
