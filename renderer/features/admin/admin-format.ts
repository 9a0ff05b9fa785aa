import { formatDateTime } from '../../shared/format-time';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "never", "just now", "5 minutes ago", "yesterday"; a week on, the date and time. */
export function formatLastSeen(at: number | null, now: number): string {
  if (at === null) return 'never';
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), 'minute');
  if (ago < DAY) return relative.format(-Math.floor(ago / HOUR), 'hour');
  if (ago < 7 * DAY) return relative.format(-Math.floor(ago / DAY), 'day');
  return formatDateTime(at);
}

const VALUE_MAX = 60;

/**
 * An audit entry's change in one line: the fields that differ, "role:
 * operator → admin; active: true → false". A creation lists what was made;
 * a removal what was there. Values are cut short; the log is a glance.
 */
export function describeChange(before: unknown, after: unknown): string {
  const was = asRecord(before);
  const is = asRecord(after);
  if (!was && !is) return before === after ? '' : `${short(before)} → ${short(after)}`;
  if (!was) return fields(is ?? {}).join('; ');
  if (!is) return `removed ${fields(was).join('; ')}`;
  const keys = [...new Set([...Object.keys(was), ...Object.keys(is)])];
  return keys
    .filter((key) => JSON.stringify(was[key]) !== JSON.stringify(is[key]))
    .map((key) => `${key}: ${short(was[key])} → ${short(is[key])}`)
    .join('; ');
}

function fields(record: Record<string, unknown>): string[] {
  return Object.entries(record).map(([key, value]) => `${key}: ${short(value)}`);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function short(value: unknown): string {
  const text =
    value === undefined || value === null
      ? '—'
      : Array.isArray(value)
        ? value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ') || 'none'
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}
