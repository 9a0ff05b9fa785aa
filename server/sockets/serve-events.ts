import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { type Ack, DeskbellError, fail, ok } from '../../src/protocol/ack';
import { parsePayload } from '../../src/protocol/parse';
import type { ParsedRequestOf, RequestTable } from '../../src/protocol/socket-contract';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../storage/database-errors';
import type { InFlight } from './in-flight';
import type { EventLimiter } from './rate-limiter';

/** Events refused in a row, without one allowed between, before the socket is disconnected. */
export const REFUSALS_BEFORE_DISCONNECT = 200;

/**
 * One handler per request of a namespace's contract table. It receives the
 * request already parsed with the table's schema (defaults applied), so
 * nothing unparsed reaches the feature code, and returns its answer's data.
 */
export type EventHandlers<T extends RequestTable> = {
  [K in keyof T]: (request: ParsedRequestOf<T, K>) => Promise<z.input<T[K]['ack']>>;
};

export interface ServeOptions {
  log: FastifyBaseLogger;
  /** Every handler's work is tracked here, so shutting down waits for it. */
  inFlight: InFlight;
  /** Counts this socket's events (keyed by socket id); over the limit they are refused RATE_LIMITED. */
  limiter: EventLimiter;
}

/**
 * Wires a socket's events to handlers with the rules every event shares:
 * a per-socket rate limit; a DeskbellError becomes a failed Ack with its code,
 * anything else is logged and answered INTERNAL; a client that sent no ack
 * callback is fine; an event nobody handles is answered BAD_REQUEST.
 */
export function serveEvents<T extends RequestTable>(
  socket: Socket,
  contract: T,
  handlers: EventHandlers<T>,
  options: ServeOptions,
): void {
  const known = new Set<string>(Object.keys(handlers));
  let limitedLogged = false;

  let refusedInARow = 0;

  const allowed = async (): Promise<boolean> => {
    if (await options.limiter.take(socket.id)) {
      limitedLogged = false;
      refusedInARow = 0;
      return true;
    }
    if (!limitedLogged) {
      limitedLogged = true;
      options.log.warn(
        { socket: socket.id, namespace: socket.nsp.name },
        'socket is sending too fast; refusing events',
      );
    }
    // A real client backs off when told RATE_LIMITED; one that keeps hammering only costs every
    // other socket time, so it is cut off (and meets the per-address connection limit if it returns).
    refusedInARow += 1;
    if (refusedInARow === REFUSALS_BEFORE_DISCONNECT) {
      options.log.warn({ socket: socket.id, namespace: socket.nsp.name }, 'socket ignored RATE_LIMITED; disconnecting');
      socket.disconnect(true);
    }
    return false;
  };

  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && known.has(event)) return;
    const callback = args.at(-1);
    void allowed().then((ok) =>
      reply(
        callback,
        ok
          ? fail('BAD_REQUEST', `Unknown event ${JSON.stringify(event)} on ${socket.nsp.name}.`)
          : fail('RATE_LIMITED', 'Too many requests; slow down.'),
      ),
    );
  });

  for (const event of known) {
    const handler = (handlers as Record<string, (request: unknown) => Promise<unknown>>)[event];
    const schema = contract[event]?.request;
    if (!handler || !schema) continue;
    socket.on(event, (...args: unknown[]) => {
      // The callback is always last; a client may also send it without a payload.
      const callback = args.at(-1);
      const payload = typeof args[0] === 'function' ? undefined : args[0];
      const work = allowed().then((ok) => {
        if (!ok) throw new DeskbellError('RATE_LIMITED', 'Too many requests; slow down.');
        // Parsed here, from the contract, for every handler: a bad payload is refused naming its field.
        return handler(parsePayload(schema, payload, event));
      });
      options.inFlight.track(work).then(
        (data) => reply(callback, ok(data)),
        (error: unknown) => {
          if (error instanceof DeskbellError) return reply(callback, fail(error.code, error.message));
          if (isDatabaseUnavailable(error)) {
            options.log.warn({ err: error, event, namespace: socket.nsp.name }, 'the database is unavailable');
            return reply(callback, fail('UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE));
          }
          options.log.error({ err: error, event, namespace: socket.nsp.name }, 'socket handler failed');
          reply(callback, fail('INTERNAL', 'Something went wrong on the server; please try again.'));
        },
      );
    });
  }
}

function reply(callback: unknown, ack: Ack<unknown>): void {
  if (typeof callback !== 'function') return;
  try {
    (callback as (ack: Ack<unknown>) => void)(ack);
  } catch {
    // A broken client callback must not take the server down; there is no one left to tell.
  }
}
