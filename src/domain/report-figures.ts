import { DateTime } from 'luxon';

/**
 * The arithmetic of the Reports page, apart from the database: the days of a range, weeks and months
 * made of days, percentiles, the buckets of the wait and duration charts, and how much of each hour of
 * the week somebody was Online. Everything is in the library's time zone.
 */

export interface DayRange {
  from: string;
  to: string;
}

/** Why a range cannot be reported on, or null. */
export function rangeProblem(range: DayRange, maxDays: number): string | null {
  const from = DateTime.fromISO(range.from, { zone: 'UTC' });
  const to = DateTime.fromISO(range.to, { zone: 'UTC' });
  if (!from.isValid) return `from: ${range.from} is not a date`;
  if (!to.isValid) return `to: ${range.to} is not a date`;
  if (to < from) return 'to: is before from';
  if (to.diff(from, 'days').days + 1 > maxDays) return `the range is longer than ${maxDays} days`;
  return null;
}

/** Every local day from `from` to `to`, both included. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = DateTime.fromISO(range.from, { zone: 'UTC' }); ; day = day.plus({ days: 1 })) {
    const iso = day.toISODate() ?? range.to;
    if (iso > range.to) break;
    days.push(iso);
  }
  return days;
}

/** The epoch-ms span of a range of local days: from the first day's midnight to the midnight after the last. */
export function spanOf(range: DayRange, timeZone: string): { start: number; end: number } {
  const start = DateTime.fromISO(range.from, { zone: timeZone }).startOf('day');
  const end = DateTime.fromISO(range.to, { zone: timeZone }).startOf('day').plus({ days: 1 });
  return { start: start.toMillis(), end: end.toMillis() };
}

/** The Monday of a day's ISO week. */
export function weekOf(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).startOf('week').toISODate() ?? day;
}

export const monthOf = (day: string): string => day.slice(0, 7);

export interface DayCount {
  day: string;
  chats: number;
  missed: number;
}

/** Day counts summed into the periods `periodOf` names, in order of first appearance. */
export function rollUp<K extends string>(
  days: readonly DayCount[],
  periodOf: (day: string) => string,
  key: K,
): Array<Record<K, string> & { chats: number; missed: number }> {
  const periods = new Map<string, { chats: number; missed: number }>();
  for (const day of days) {
    const period = periodOf(day.day);
    const sum = periods.get(period) ?? { chats: 0, missed: 0 };
    sum.chats += day.chats;
    sum.missed += day.missed;
    periods.set(period, sum);
  }
  return [...periods].map(([period, sum]) => ({ [key]: period, ...sum }) as Record<K, string> & typeof sum);
}

/**
 * The p-th percentile (0 to 1) of sorted values, interpolating between the two nearest ranks
 * (so the median of an even count is the mean of the middle two); null for no values.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  const low = sorted[below] ?? 0;
  const high = sorted[above] ?? low;
  return low + (high - low) * (rank - below);
}

export interface Bucket {
  key: string;
  label: string;
  fromMs: number;
  /** Exclusive; null for the last, open-ended bucket. */
  toMs: number | null;
}

const S = 1000;
const MIN = 60 * S;

function buckets(bounds: ReadonlyArray<readonly [string, number]>): Bucket[] {
  return bounds.map(([label, fromMs], index) => {
    const next = bounds[index + 1];
    return { key: `${fromMs / S}s`, label, fromMs, toMs: next ? next[1] : null };
  });
}

/** Waits and times to the first answer: patrons notice seconds. */
export const WAIT_BUCKETS: readonly Bucket[] = buckets([
  ['under 30 s', 0],
  ['30 s to 1 min', 30 * S],
  ['1 to 2 min', MIN],
  ['2 to 5 min', 2 * MIN],
  ['5 to 10 min', 5 * MIN],
  ['10 to 30 min', 10 * MIN],
  ['30 min or more', 30 * MIN],
]);

/** How long chats last: minutes. */
export const DURATION_BUCKETS: readonly Bucket[] = buckets([
  ['under 2 min', 0],
  ['2 to 5 min', 2 * MIN],
  ['5 to 10 min', 5 * MIN],
  ['10 to 20 min', 10 * MIN],
  ['20 to 30 min', 20 * MIN],
  ['30 to 60 min', 30 * MIN],
  ['1 hour or more', 60 * MIN],
]);

export interface DistributionFigures {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  buckets: Array<{ key: string; label: string; chats: number }>;
}

export function distribution(values: readonly number[], scale: readonly Bucket[]): DistributionFigures {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    medianMs: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    buckets: scale.map((bucket) => ({
      key: bucket.key,
      label: bucket.label,
      chats: sorted.filter((value) => value >= bucket.fromMs && (bucket.toMs === null || value < bucket.toMs)).length,
    })),
  };
}

export interface StatusChange {
  accountId: string;
  at: number;
  /** Whether the account takes patron chats (Online) from this moment. */
  online: boolean;
}

/**
 * The stretches of time in which at least one of the accounts was Online, merged. `initial` is who
 * was Online when the span began; `changes` are in time order.
 */
export function staffedStretches(
  span: { start: number; end: number },
  initial: ReadonlySet<string>,
  changes: readonly StatusChange[],
): Array<{ start: number; end: number }> {
  const online = new Set(initial);
  const stretches: Array<{ start: number; end: number }> = [];
  let openedAt: number | null = online.size > 0 ? span.start : null;
  for (const change of changes) {
    if (change.at >= span.end) break;
    const at = Math.max(change.at, span.start);
    if (change.online) online.add(change.accountId);
    else online.delete(change.accountId);
    if (online.size > 0 && openedAt === null) openedAt = at;
    if (online.size === 0 && openedAt !== null) {
      if (at > openedAt) stretches.push({ start: openedAt, end: at });
      openedAt = null;
    }
  }
  if (openedAt !== null && span.end > openedAt) stretches.push({ start: openedAt, end: span.end });
  return stretches;
}

/** Per weekday (1-7) and hour (0-23): the share of that hour's time in the range that somebody was Online. */
export function staffedShares(
  range: DayRange,
  timeZone: string,
  stretches: ReadonlyArray<{ start: number; end: number }>,
): Map<string, number> {
  const total = new Map<string, number>();
  const staffed = new Map<string, number>();
  const { end } = spanOf(range, timeZone);
  let index = 0;
  let hour = DateTime.fromISO(range.from, { zone: timeZone }).startOf('day');
  while (hour.toMillis() < end) {
    const start = hour.toMillis();
    const next = hour.plus({ hours: 1 });
    const stop = Math.min(next.toMillis(), end);
    const cell = cellKey(hour.weekday, hour.hour);
    total.set(cell, (total.get(cell) ?? 0) + (stop - start));
    while (index < stretches.length && (stretches[index]?.end ?? 0) <= start) index += 1;
    let covered = 0;
    for (let look = index; look < stretches.length; look += 1) {
      const stretch = stretches[look];
      if (!stretch || stretch.start >= stop) break;
      covered += Math.min(stretch.end, stop) - Math.max(stretch.start, start);
    }
    staffed.set(cell, (staffed.get(cell) ?? 0) + Math.max(0, covered));
    hour = next;
  }
  const shares = new Map<string, number>();
  for (const [cell, ms] of total) shares.set(cell, ms > 0 ? Math.min(1, (staffed.get(cell) ?? 0) / ms) : 0);
  return shares;
}

export const cellKey = (weekday: number, hour: number): string => `${weekday}:${hour}`;
