/*
 * The main process's log, in a file of its own: the services write to it, and
 * app-context.ts builds them, so they must not import it from there.
 */

/** Where the main process writes what happened; `details` is anything JSON-like. */
export interface Logger {
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

/** The console's logger: one line per event, details as JSON. */
export function createConsoleLogger(
  scope = 'deskbell',
  sink: Pick<Console, 'log' | 'warn' | 'error'> = console,
): Logger {
  const line = (message: string, details: unknown): string =>
    details === undefined ? `[${scope}] ${message}` : `[${scope}] ${message} ${safeJson(details)}`;
  return {
    info: (message, details) => sink.log(line(message, details)),
    warn: (message, details) => sink.warn(line(message, details)),
    error: (message, details) => sink.error(line(message, details)),
  };
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return JSON.stringify({ error: value.message });
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
