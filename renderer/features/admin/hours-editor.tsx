import { useId, useState } from 'react';
import { WEEKDAYS, type Weekday } from '../../../src/protocol';
import type { HoursDraft } from './hours-draft';
import { WEEKDAY_NAMES } from './hours-summary';

interface HoursEditorProps {
  draft: HoursDraft;
  onChange(draft: HoursDraft): void;
}

/** The most stretches a day may have (the server's rule, src/protocol/service-hours.ts). */
const SPANS_PER_DAY = 4;

/**
 * Hours of service: always open, or per weekday its open–close stretches (a
 * day with none is Closed), and the dates it is closed anyway. Every control
 * is labelled with its day, so a screen reader hears "Monday, opens".
 */
export function HoursEditor({ draft, onChange }: HoursEditorProps) {
  const id = useId();
  const setDay = (day: Weekday, spans: HoursDraft['weekly'][Weekday]) =>
    onChange({ ...draft, weekly: { ...draft.weekly, [day]: spans } });

  return (
    <fieldset className="admin-hours">
      <legend>Hours of service</legend>
      <div className="settings-check">
        <input
          id={`${id}-always`}
          type="radio"
          name={`${id}-mode`}
          checked={draft.alwaysOpen}
          onChange={() => onChange({ ...draft, alwaysOpen: true })}
        />
        <label htmlFor={`${id}-always`}>Always open</label>
      </div>
      <div className="settings-check">
        <input
          id={`${id}-set`}
          type="radio"
          name={`${id}-mode`}
          checked={!draft.alwaysOpen}
          onChange={() => onChange({ ...draft, alwaysOpen: false })}
        />
        <label htmlFor={`${id}-set`}>Open during these hours</label>
      </div>
      {draft.alwaysOpen ? null : (
        <>
          <p className="settings-hint">In the library’s time zone. A closing time of 00:00 means midnight.</p>
          {WEEKDAYS.map((day) => (
            <DayHours key={day} day={day} spans={draft.weekly[day]} onChange={(spans) => setDay(day, spans)} />
          ))}
          <ClosedDates dates={draft.closedDates} onChange={(closedDates) => onChange({ ...draft, closedDates })} />
        </>
      )}
    </fieldset>
  );
}

function DayHours({
  day,
  spans,
  onChange,
}: {
  day: Weekday;
  spans: HoursDraft['weekly'][Weekday];
  onChange(spans: HoursDraft['weekly'][Weekday]): void;
}) {
  const id = useId();
  const name = WEEKDAY_NAMES[day];
  const setSpan = (index: number, change: Partial<{ open: string; close: string }>) =>
    onChange(spans.map((span, i) => (i === index ? { ...span, ...change } : span)));
  return (
    <div className="admin-day" role="group" aria-labelledby={`${id}-day`} data-weekday={day}>
      <span className="admin-day-name" id={`${id}-day`}>
        {name}
      </span>
      <div className="admin-day-spans">
        {spans.length === 0 ? <span className="admin-day-closed">Closed</span> : null}
        {spans.map((span, index) => (
          <div className="admin-span" key={index}>
            <label htmlFor={`${id}-${index}-open`} className="visually-hidden">
              {name}, opens{spans.length > 1 ? ` (${index + 1})` : ''}
            </label>
            <input
              id={`${id}-${index}-open`}
              type="time"
              value={span.open}
              onChange={(event) => setSpan(index, { open: event.target.value })}
            />
            <span aria-hidden="true">–</span>
            <label htmlFor={`${id}-${index}-close`} className="visually-hidden">
              {name}, closes{spans.length > 1 ? ` (${index + 1})` : ''}
            </label>
            <input
              id={`${id}-${index}-close`}
              type="time"
              value={span.close}
              onChange={(event) => setSpan(index, { close: event.target.value })}
            />
            <button
              type="button"
              className="small"
              aria-label={`Remove ${name} ${span.open}–${span.close}`}
              onClick={() => onChange(spans.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </div>
        ))}
        {spans.length < SPANS_PER_DAY ? (
          <button
            type="button"
            className="small"
            aria-label={`Add hours on ${name}`}
            onClick={() => onChange([...spans, nextSpan(spans)])}
          >
            Add hours
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** A new stretch after the day's last one (an evening after the day), or the usual day. */
function nextSpan(spans: HoursDraft['weekly'][Weekday]): { open: string; close: string } {
  const last = [...spans].sort((a, b) => a.open.localeCompare(b.open)).at(-1);
  if (!last || last.close >= '22:00' || last.close === '00:00') return { open: '09:00', close: '17:00' };
  const hour = Number(last.close.slice(0, 2)) + 1;
  return {
    open: `${String(hour).padStart(2, '0')}:00`,
    close: `${String(Math.min(hour + 2, 23)).padStart(2, '0')}:00`,
  };
}

function ClosedDates({ dates, onChange }: { dates: string[]; onChange(dates: string[]): void }) {
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError('Choose a date first.');
    setError(null);
    if (!dates.includes(date)) onChange([...dates, date].sort());
    setDate('');
  };
  return (
    <div className="admin-closed-dates" role="group" aria-labelledby={`${id}-title`}>
      <span className="admin-day-name" id={`${id}-title`}>
        Closed dates
      </span>
      <p className="settings-hint" id={`${id}-hint`}>
        Holidays and other days the desk is closed, whatever its weekday hours.
      </p>
      {dates.length === 0 ? (
        <p className="empty">None.</p>
      ) : (
        <ul className="admin-date-list">
          {dates.map((day) => (
            <li key={day}>
              <time dateTime={day}>{formatDate(day)}</time>
              <button
                type="button"
                className="small"
                aria-label={`Remove closed date ${formatDate(day)}`}
                onClick={() => onChange(dates.filter((item) => item !== day))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="admin-span">
        <label htmlFor={`${id}-date`}>Date</label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setDate(event.target.value)}
          onKeyDown={(event) => {
            // Enter adds the date rather than submitting the whole dialog.
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="small" onClick={add}>
          Add closed date
        </button>
      </div>
      {error ? (
        <p className="form-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "25 Dec 2026": the date itself, read as a calendar day (UTC), whatever zone the console is in. */
function formatDate(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(at) ? day : dateFormat.format(at);
}
