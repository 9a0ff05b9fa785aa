import type { z } from 'zod';
import { ERROR_CODES, type Ack, type ErrorCode } from '../protocol/ack';

/** What a widget shows when a request got no answer in time (the server or the network is down). */
export const UNREACHABLE_MESSAGE = 'The chat service could not be reached. Check your connection and try again.';

/**
 * Reads an acknowledgement from the server: a refusal keeps its code and
 * message; accepted data must match its schema, or it counts as a failure
 * rather than reaching the screen half-formed.
 */
export function parseAck<S extends z.ZodType>(raw: unknown, schema: S): Ack<z.output<S>> {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) return malformed();
  if (raw.ok === true && 'data' in raw) {
    const data = schema.safeParse(raw.data);
    return data.success ? { ok: true, data: data.data } : malformed();
  }
  if (raw.ok === false && 'error' in raw && typeof raw.error === 'object' && raw.error !== null) {
    const error = raw.error as { code?: unknown; message?: unknown };
    const code = (ERROR_CODES as readonly unknown[]).includes(error.code) ? (error.code as ErrorCode) : 'INTERNAL';
    const message = typeof error.message === 'string' ? error.message : 'The request was refused.';
    return { ok: false, error: { code, message } };
  }
  return malformed();
}

/** The failure a request resolves with when it timed out or the connection dropped. */
export function unreachable(): Ack<never> {
  return { ok: false, error: { code: 'TIMEOUT', message: UNREACHABLE_MESSAGE } };
}

/**
 * The failure a request resolves with when the connection is down: it is not
 * queued, because a chat started twice (once now, once on reconnect) would
 * leave a librarian a ghost chat.
 */
export function offline(): Ack<never> {
  return {
    ok: false,
    error: { code: 'OFFLINE', message: 'You are not connected right now. Check your connection and try again.' },
  };
}

function malformed(): Ack<never> {
  return {
    ok: false,
    error: { code: 'INTERNAL', message: 'The chat service sent a reply this widget does not understand.' },
  };
}
