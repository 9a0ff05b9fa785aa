import type { AckError } from '../protocol/ack';

/**
 * The line under a message on its way, in the console and in the widget:
 * "Sending..." at first, "waiting for the connection" while it is down, and once a try failed in a way that passes (the
 * outbox sends it again by itself), why it is taking longer. A message the
 * server refused for good says "Not sent: <reason>" instead.
 */
export function sendingNote(retrying: AckError | undefined, connected = true): string {
  // While the connection is down nothing is being tried: it goes as soon as the connection is back.
  if (!connected) return 'Sending... waiting for the connection';
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
