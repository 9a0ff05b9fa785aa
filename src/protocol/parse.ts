import type { z } from 'zod';
import { DeskbellError } from './ack';

/**
 * Parses a payload from outside with its schema. A failure becomes a
 * DeskbellError whose message names the field that was wrong, so the sender
 * can tell what to fix. A message body over the limit gets its own code.
 */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown, what: string): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : what;
  if (issue?.code === 'too_big' && issue.path.at(-1) === 'body') {
    throw new DeskbellError(
      'MESSAGE_TOO_LONG',
      `${field}: the message is longer than ${String(issue.maximum)} characters`,
    );
  }
  throw new DeskbellError('BAD_REQUEST', `${what}: ${field}: ${issue?.message ?? 'is not valid'}`);
}
