import type { z } from 'zod';
import { ERROR_CODES, type Ack, type ErrorCode } from '../protocol/ack';

/**
 * How a client words an answer it could not read: the console names the
 * request (`detail` says which field was wrong), the widget speaks to a patron.
 */
export type NotUnderstood = (detail?: string) => string;

/**
 * Reads an acknowledgement from the server, for both clients: a refusal keeps
 * its message and its code when the code is one of ERROR_CODES (INTERNAL
 * otherwise); accepted data must match the contract's `ack` schema, or it
 * counts as a failure rather than reaching the screen half-formed.
 */
export function readAck<S extends z.ZodType>(raw: unknown, schema: S, notUnderstood: NotUnderstood): Ack<z.output<S>> {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) return malformed(notUnderstood());
  if (raw.ok === false && 'error' in raw && typeof raw.error === 'object' && raw.error !== null) {
    const error = raw.error as { code?: unknown; message?: unknown };
    if (typeof error.message !== 'string') return malformed(notUnderstood());
    const code = (ERROR_CODES as readonly unknown[]).includes(error.code) ? (error.code as ErrorCode) : 'INTERNAL';
    return { ok: false, error: { code, message: error.message } };
  }
  if (raw.ok !== true) return malformed(notUnderstood());
  const parsed = schema.safeParse('data' in raw ? raw.data : undefined);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return malformed(notUnderstood(`${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}`));
}

function malformed(message: string): Ack<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

// ---- the console's wording ----

/** "The server's answer to Claim Chat was not understood (chat.id: ...)." */
export function consoleNotUnderstood(what: string): NotUnderstood {
  return (detail) => `The server's answer to ${what} was not understood${detail ? ` (${detail})` : ''}.`;
}

/**
 * One request with a deadline, for the console. `ask` rejects when the server
 * does not answer in time (socket.io's `timeout().emitWithAck`); this turns
 * that into a TIMEOUT `Ack` too.
 */
export async function settleAck<T>(ask: () => Promise<Ack<T>>, what: string): Promise<Ack<T>> {
  try {
    return await ask();
  } catch {
    return { ok: false, error: { code: 'TIMEOUT', message: `The Deskbell server did not answer ${what} in time.` } };
  }
}

export function offlineAck(what: string): Ack<never> {
  return {
    ok: false,
    error: {
      code: 'OFFLINE',
      message: `Not connected to the Deskbell server, so ${what} was not sent. Try again when the console is back online.`,
    },
  };
}

// ---- the widget's wording ----

/** What a widget shows when a request got no answer in time (the server or the network is down). */
export const UNREACHABLE_MESSAGE = 'The chat service could not be reached. Check your connection and try again.';

/** What a widget shows when the server's answer was not understood. */
export const widgetNotUnderstood: NotUnderstood = () =>
  'The chat service sent a reply this widget does not understand.';

/** The failure a widget's request resolves with when it timed out or the connection dropped. */
export function unreachable(): Ack<never> {
  return { ok: false, error: { code: 'TIMEOUT', message: UNREACHABLE_MESSAGE } };
}

/**
 * The failure a widget's request resolves with when the connection is down:
 * it is not queued, because a chat started twice (once now, once on
 * reconnect) would leave a librarian a ghost chat.
 */
export function offline(): Ack<never> {
  return {
    ok: false,
    error: { code: 'OFFLINE', message: 'You are not connected right now. Check your connection and try again.' },
  };
}
