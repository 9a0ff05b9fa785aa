/**
 * Every request over a socket answers with an `Ack<T>`: either the data or an
 * error with a stable code a client can branch on and a message a person can read.
 */

export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CHAT_NOT_FOUND',
  'ALREADY_CLAIMED',
  'CHAT_NOT_WAITING',
  'CHAT_NOT_ACTIVE',
  'CHAT_ENDED',
  'NOT_CHAT_OWNER',
  'NOT_IN_DEPARTMENT',
  'MESSAGE_TOO_LONG',
  'DEPARTMENT_NOT_FOUND',
  /** Outside the department's hours of service. */
  'DESK_CLOSED',
  'NO_ACTIVE_CHAT',
  'RATE_LIMITED',
  /** Transfers: the colleague is Offline or Away (as the server sees them). */
  'TRANSFER_TARGET_UNAVAILABLE',
  /** Transfers: one is already waiting to be accepted. */
  'TRANSFER_PENDING',
  /** Transfers: there is no transfer waiting for this operator in that chat. */
  'NO_PENDING_TRANSFER',
  /** Group chats: the operator is neither the owner nor a participant. */
  'NOT_CHAT_PARTICIPANT',
  /** Group chats: the owner cannot leave; they transfer or end the chat instead. */
  'OWNER_CANNOT_LEAVE',
  /** Patron presence: the patron is already marked away, or may still come back. */
  'PATRON_AWAY',
  /** Patron presence: the patron is not marked away. */
  'PATRON_PRESENT',
  /** Canned messages: the shortcut is already used in the same list (yours, or the department's). */
  'SHORTCUT_TAKEN',
  /** Screen sharing: the session (or request) is over: declined, expired, ended. */
  'SCREENSHARE_OVER',
  /** Screen sharing: not yet possible (Launch before Join, media before Launch). */
  'SCREENSHARE_NOT_YET',
  /** Screen sharing: the chat has a screenshare open already. */
  'SCREENSHARE_BUSY',
  'INTERNAL',
  /** The server cannot reach its database (a restart, a dropped connection): the same request may succeed soon. */
  'UNAVAILABLE',
  /** Client side: the server did not answer a request in time. */
  'TIMEOUT',
  /** Client side: the request was not sent because the connection is down. */
  'OFFLINE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Failures that say nothing about the request itself: the server, its
 * database or the network had a moment. A client sends the same request again
 * (with the same client-made id, so it is stored once) after a pause; every
 * other code is a final refusal that no retry can turn into a success.
 */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INTERNAL',
  'UNAVAILABLE',
  'RATE_LIMITED',
  'TIMEOUT',
  'OFFLINE',
]);

export function isRetryable(code: ErrorCode): boolean {
  return RETRYABLE_CODES.has(code);
}

export interface AckError {
  code: ErrorCode;
  message: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export type AckCallback<T> = (response: Ack<T>) => void;

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}

/** A refusal raised inside a handler; the socket layer turns it into a failed Ack. */
export class DeskbellError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskbellError';
  }
}
