import type { z } from 'zod';
import type { Ack } from '../protocol/ack';

/**
 * One request over a socket with a deadline. `emit` rejects when the server
 * does not answer in time (socket.io's `timeout().emitWithAck`); this turns
 * every outcome into an `Ack<T>`, and checks a successful answer's shape so a
 * misbehaving server shows up as an error, not as a broken screen.
 */
export async function settleAck<T>(
  emit: () => Promise<unknown>,
  schema: z.ZodType<T> | null,
  what: string,
): Promise<Ack<T>> {
  let raw: unknown;
  try {
    raw = await emit();
  } catch {
    return { ok: false, error: { code: 'TIMEOUT', message: `The Deskbell server did not answer ${what} in time.` } };
  }
  return checkAck(raw, schema, what);
}

export function checkAck<T>(raw: unknown, schema: z.ZodType<T> | null, what: string): Ack<T> {
  const ack = raw as Partial<Ack<unknown>> | null;
  if (ack && ack.ok === false && ack.error && typeof ack.error.message === 'string') {
    return { ok: false, error: ack.error };
  }
  if (!ack || ack.ok !== true) {
    return { ok: false, error: { code: 'INTERNAL', message: `The server's answer to ${what} was not understood.` } };
  }
  if (!schema) return { ok: true, data: ack.data as T };
  const parsed = schema.safeParse(ack.data);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `The server's answer to ${what} was not understood (${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}).`,
    },
  };
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
