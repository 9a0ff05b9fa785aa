const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "2:05 PM" for messages. */
export const formatTime = (epochMs: number): string => timeFormat.format(epochMs);

/** "Nov 28, 2026, 2:05 PM" for transcripts. */
export const formatDateTime = (epochMs: number): string => dateTimeFormat.format(epochMs);

/** The machine-readable form for <time dateTime>. */
export const isoOf = (epochMs: number): string => new Date(epochMs).toISOString();
