import { serviceHoursSchema, WEEKDAYS, type ServiceHours, type ServiceSpan, type Weekday } from '../../../src/protocol';
import { WEEKDAY_NAMES } from './hours-summary';

/** Hours as the dialog edits them: "always open" is a choice of its own, so a schedule survives switching back and forth. */
export interface HoursDraft {
  alwaysOpen: boolean;
  weekly: Record<Weekday, ServiceSpan[]>;
  closedDates: string[];
}

/** The usual library day, offered when a department first gets hours. */
const FIRST_SCHEDULE: Record<Weekday, ServiceSpan[]> = Object.fromEntries(
  WEEKDAYS.map((day, i) => [day, i < 5 ? [{ open: '09:00', close: '17:00' }] : []]),
) as Record<Weekday, ServiceSpan[]>;

export function draftOf(hours: ServiceHours | null): HoursDraft {
  if (hours === null) return { alwaysOpen: true, weekly: structuredClone(FIRST_SCHEDULE), closedDates: [] };
  return { alwaysOpen: false, weekly: structuredClone(hours.weekly), closedDates: [...hours.closedDates] };
}

/**
 * The draft as the server takes it, or the first problem in words that name
 * the day. A time input cannot say 24:00, so a closing time of 00:00 means
 * midnight at the end of that day.
 */
export function hoursOfDraft(
  draft: HoursDraft,
): { ok: true; hours: ServiceHours | null } | { ok: false; error: string } {
  if (draft.alwaysOpen) return { ok: true, hours: null };
  const weekly = Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      draft.weekly[day].map((span) => ({ ...span, close: span.close === '00:00' ? '24:00' : span.close })),
    ]),
  );
  const closedDates = [...new Set(draft.closedDates)].sort();
  const parsed = serviceHoursSchema.safeParse({ weekly, closedDates });
  if (parsed.success) return { ok: true, hours: parsed.data };
  const issue = parsed.error.issues[0];
  const [where, day, index, field] = issue?.path ?? [];
  const part = field === 'open' ? ', opening time' : field === 'close' ? ', closing time' : '';
  const what =
    where === 'weekly' && typeof day === 'string'
      ? `${WEEKDAY_NAMES[day as Weekday] ?? day}${typeof index === 'number' ? `, hours ${index + 1}${part}` : ''}`
      : where === 'closedDates'
        ? 'Closed dates'
        : 'Hours';
  return { ok: false, error: `${what}: ${issue?.message ?? 'is not valid'}.` };
}

/** The same hours, whatever order the stretches and dates were typed in. */
export function sameHours(a: ServiceHours | null, b: ServiceHours | null): boolean {
  const key = (hours: ServiceHours | null) =>
    hours === null
      ? 'null'
      : JSON.stringify({
          weekly: WEEKDAYS.map((day) => [...hours.weekly[day]].sort((x, y) => x.open.localeCompare(y.open))),
          closedDates: [...hours.closedDates].sort(),
        });
  return key(a) === key(b);
}
