import type { AckError } from '../protocol/ack';

/**
 * The line under a message on its way, in the console and in the widget:
 * "Sending..." at first, and once a try failed in a way that passes (the
 * outbox sends it again by itself), why it is taking longer. A message the
 * server refused for good says "Not sent: <reason>" instead.
 */
export function sendingNote(retrying: AckError | undefined): string {
  if (!retrying) return 'Sending...';
  switch (retrying.code) {
    case 'RATE_LIMITED':
      return 'Sending... too many messages at once, trying again';
    case 'TIMEOUT':
      return 'Sending... no answer yet, trying again';
    case 'OFFLINE':
      return 'Sending... waiting for the connection';
    default:
      return 'Sending... the server is busy, trying again';
  }
}

/** The line under a message the server refused for good. */
export function refusedNote(error: AckError): string {
  return `Not sent: ${error.message}`;
}
