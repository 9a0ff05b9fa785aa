import { z } from 'zod';

/** The weekdays of a schedule, Monday first (ISO weekday 1..7). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'is not a time of day like 09:00');

/** One stretch of service on a weekday, in the library's time zone; `close` may be 24:00. */
export const serviceSpanSchema = z
  .strictObject({ open: clockTime, close: clockTime })
  .refine((span) => span.open < span.close, 'closes before it opens');
export type ServiceSpan = z.infer<typeof serviceSpanSchema>;

const daySpans = z
  .array(serviceSpanSchema)
  .max(4, 'has more than 4 stretches')
  .refine(
    (spans) =>
      [...spans]
        .sort((a, b) => a.open.localeCompare(b.open))
        .every((span, i, all) => i === 0 || all[i - 1]!.close <= span.open),
    'has stretches that overlap',
  );

/**
 * A department's hours of service: the stretches of each weekday (none:
 * closed that day) and the dates it is closed anyway (holidays), as
 * YYYY-MM-DD in the library's time zone. No hours at all means always open.
 */
export const serviceHoursSchema = z.strictObject({
  weekly: z.strictObject(
    Object.fromEntries(WEEKDAYS.map((day) => [day, daySpans])) as Record<Weekday, typeof daySpans>,
  ),
  closedDates: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date like 2026-12-25'))
    .max(400)
    .default([]),
});
export type ServiceHours = z.infer<typeof serviceHoursSchema>;

/** What the widget is told about the department's hours now. */
export const deskHoursNowSchema = z.object({
  open: z.boolean(),
  /** When it next opens (epoch ms), if it does within two weeks. */
  opensAt: z.number().int().nullable(),
  /** The same, in the library's words and time zone: "Monday 9:00", "today at 13:00". */
  opensText: z.string().nullable(),
});
export type DeskHoursNow = z.infer<typeof deskHoursNowSchema>;
