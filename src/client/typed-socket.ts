import type { Socket } from 'socket.io-client';
import type { Ack } from '../protocol/ack';
import type { AckDataOf, PushOf, PushTable, RequestOf, RequestTable } from '../protocol/socket-contract';
import { readAck, type NotUnderstood } from './read-ack';

/**
 * The wire, typed by a namespace's contract table instead of by socket.io's
 * event maps: a request names its event and gets that event's answer, read
 * with the table's `ack` schema; every push is parsed with the table's schema
 * before its handler sees it. The socket itself stays untyped, so no generic
 * path needs a cast to reach `emitWithAck`.
 */
export type WireSocket = Socket;

/**
 * Sends one request and reads its answer. Rejects when no answer came within
 * `timeoutMs` (socket.io's `timeout().emitWithAck`): the caller decides what a
 * lost answer means (try again, or tell the user).
 */
export async function emitRequest<T extends RequestTable, K extends keyof T & string>(
  socket: WireSocket,
  options: { table: T; timeoutMs: number; notUnderstood: NotUnderstood },
  event: K,
  payload: RequestOf<T, K>,
): Promise<Ack<AckDataOf<T, K>>> {
  // `as T[K]`: K is a key of T, so the row is there (noUncheckedIndexedAccess cannot know that of a generic key).
  const contract = options.table[event] as T[K];
  const raw: unknown = await socket.timeout(options.timeoutMs).emitWithAck(event, payload);
  return readAck<T[K]['ack']>(raw, contract.ack, options.notUnderstood);
}

/** One handler per push event of the table; the type makes a forgotten event a compile error. */
export type PushHandlers<T extends PushTable> = { [K in keyof T]: (payload: PushOf<T, K>) => void };

/**
 * Listens to every push event in `handlers`, parsing each payload with the
 * table's schema; a payload that does not match goes to `onMalformed` and
 * never to the handler. Returns the events listened to.
 */
export function listenToPushes<T extends PushTable>(
  socket: WireSocket,
  table: T,
  handlers: PushHandlers<T>,
  onMalformed: (event: keyof T & string) => void,
): Array<keyof T & string> {
  const events = Object.keys(handlers) as Array<keyof T & string>;
  const listen = <K extends keyof T & string>(event: K): void => {
    const schema = table[event] as T[K];
    const handle: (payload: PushOf<T, K>) => void = handlers[event];
    socket.on(event as string, (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) handle(parsed.data);
      else onMalformed(event);
    });
  };
  for (const event of events) listen(event);
  return events;
}
