import type { FastifyBaseLogger } from 'fastify';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { type Ack, DeskbellError, fail, ok } from '../../src/protocol/ack';
import { parsePayload } from '../../src/protocol/parse';
import type { ParsedRequestOf, RequestTable } from '../../src/protocol/socket-contract';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../storage/database-errors';
import type { NodeMetrics } from '../cluster/node-metrics';
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
  [K in keyof T]: (request: ParsedRequestOf<T, K>, afterAnswer: AfterAnswer) => Promise<z.input<T[K]['ack']>>;
};

/**
 * Leaves work for once the request being served has answered: fan-outs whose
 * cost grows with a room's size (queue moves), which the asker need not wait
 * for. Outside a request (timers) the work runs on the next turn.
 */
export type AfterAnswer = (work: () => void) => void;

/** For work outside any request (a timer's transition): the next turn of the event loop. */
export const onNextTurn: AfterAnswer = (work) => setImmediate(work);

/**
 * The same handlers in the shared form: built once per namespace, they are
 * told which socket asked, so a socket costs no closures of its own.
 */
export type SocketEventHandlers<T extends RequestTable, S extends Socket> = {
  [K in keyof T]: (
    request: ParsedRequestOf<T, K>,
    socket: S,
    afterAnswer: AfterAnswer,
  ) => Promise<z.input<T[K]['ack']>>;
};

export interface ServeOptions {
  log: FastifyBaseLogger;
  /** Every handler's work is tracked here, so shutting down waits for it. */
  inFlight: InFlight;
  /** Counts this socket's events (keyed by socket id); over the limit they are refused RATE_LIMITED. */
  limiter: EventLimiter;
  /** Counts each answer by outcome (`ok` or the refusal's code) for the node's metrics. */
  metrics?: Pick<NodeMetrics, 'countAnswer'>;
}

interface Route {
  schema: z.ZodType;
  run: (request: unknown, socket: Socket, afterAnswer: AfterAnswer) => Promise<unknown>;
}

type Routes = ReadonlyMap<string, Route>;

/**
 * Wires every socket of a namespace to shared handlers: returns what a new
 * socket is given, listeners that all sockets share (socket.io calls them
 * with the socket as `this`), after the socket's own middlewares like any
 * listener. The rules are serveEvents'.
 */
export function eventServer<T extends RequestTable, S extends Socket>(
  contract: T,
  handlers: SocketEventHandlers<T, S>,
  options: ServeOptions,
): (socket: S) => void {
  const routes = routesOf(contract, handlers as Record<string, Route['run']>);
  const listeners = [...routes].map(([event, route]) => {
    const listener = function (this: Socket, ...args: unknown[]): void {
      serveRequest(this, event, route, options, args);
    };
    return [event, listener] as const;
  });
  function onAnyEvent(this: Socket, event: unknown, ...args: unknown[]): void {
    if (typeof event === 'string' && routes.has(event)) return;
    refuseUnknown(this, options, event, args);
  }
  return (socket) => {
    socket.onAny(onAnyEvent);
    for (const [event, listener] of listeners) socket.on(event, listener);
  };
}

/**
 * Wires a socket's events to handlers with the rules every event shares:
 * a per-socket rate limit; a DeskbellError becomes a failed Ack with its code,
 * anything else is logged and answered INTERNAL; a client that sent no ack
 * callback is fine; an event nobody handles is answered BAD_REQUEST. This
 * form takes handlers built for this one socket (the operator namespace's).
 */
export function serveEvents<T extends RequestTable>(
  socket: Socket,
  contract: T,
  handlers: EventHandlers<T>,
  options: ServeOptions,
): void {
  const own = handlers as Record<string, (request: unknown, afterAnswer: AfterAnswer) => Promise<unknown>>;
  const routes = routesOf(
    contract,
    Object.fromEntries(
      Object.entries(own).map(([event, run]) => [
        event,
        (request: unknown, _socket: Socket, afterAnswer: AfterAnswer) => run(request, afterAnswer),
      ]),
    ),
  );
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && routes.has(event)) return;
    refuseUnknown(socket, options, event, args);
  });
  for (const [event, route] of routes) {
    socket.on(event, (...args: unknown[]) => serveRequest(socket, event, route, options, args));
  }
}

function routesOf(contract: RequestTable, handlers: Record<string, Route['run'] | undefined>): Routes {
  const routes = new Map<string, Route>();
  for (const [event, run] of Object.entries(handlers)) {
    const schema = contract[event]?.request;
    if (run && schema) routes.set(event, { schema, run });
  }
  return routes;
}

function refuseUnknown(socket: Socket, options: ServeOptions, event: unknown, args: unknown[]): void {
  const callback = args.at(-1);
  void allowed(socket, options).then((ok) =>
    reply(
      callback,
      ok
        ? fail('BAD_REQUEST', `Unknown event ${JSON.stringify(event)} on ${socket.nsp.name}.`)
        : fail('RATE_LIMITED', 'Too many requests; slow down.'),
    ),
  );
}

/**
 * Work a request's handler left for after its answer (see AfterAnswer): kept
 * on the request itself and handed to the handler, rather than found through
 * AsyncLocalStorage, whose promise hooks slowed every promise of the server.
 */
class AnswerScope {
  private later: Array<() => void> | null = [];
  readonly afterAnswer: AfterAnswer = (work) => {
    if (this.later) this.later.push(work);
    else setImmediate(work);
  };

  /** Whether the handler left any work for after its answer (most do not). */
  get hasWork(): boolean {
    return this.later !== null && this.later.length > 0;
  }

  run(log: FastifyBaseLogger): void {
    const later = this.later ?? [];
    this.later = null;
    for (const work of later) {
      try {
        work();
      } catch (error) {
        log.error({ err: error }, 'work after an answer failed');
      }
    }
  }
}

function serveRequest(socket: Socket, name: string, route: Route, options: ServeOptions, args: unknown[]): void {
  // The callback is always last; a client may also send it without a payload.
  const callback = args.at(-1);
  const payload = typeof args[0] === 'function' ? undefined : args[0];
  const scope = new AnswerScope();
  const work = allowed(socket, options).then((ok) => {
    if (!ok) throw new DeskbellError('RATE_LIMITED', 'Too many requests; slow down.');
    // Parsed here, from the contract, for every handler: a bad payload is refused naming its field.
    return route.run(parsePayload(route.schema, payload, name), socket, scope.afterAnswer);
  });
  const answer = (ack: Ack<unknown>): void => {
    options.metrics?.countAnswer(socket.nsp.name, ack.ok ? 'ok' : ack.error.code);
    reply(callback, ack);
  };
  const answered = options.inFlight.track(work).then(
    (data) => answer(ok(data)),
    (error: unknown) => {
      if (error instanceof DeskbellError) return answer(fail(error.code, error.message));
      if (isDatabaseUnavailable(error)) {
        options.log.warn({ err: error, event: name, namespace: socket.nsp.name }, 'the database is unavailable');
        return answer(fail('UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE));
      }
      options.log.error({ err: error, event: name, namespace: socket.nsp.name }, 'socket handler failed');
      answer(fail('INTERNAL', 'Something went wrong on the server; please try again.'));
    },
  );
  // On the next turn, not at once: the answer is only queued on its socket until its transport drains.
  // A request that left nothing for later (every send) costs no timer.
  void answered.then(() => {
    if (scope.hasWork) setImmediate(() => scope.run(options.log));
    else scope.run(options.log);
  });
}

/** Only sockets being refused have a record (most never do): how many in a row, and whether it was logged. */
const refusals = new WeakMap<Socket, { inARow: number }>();

/** Whether the socket may send one more event now; a refused one is counted (and, past a point, cut off). */
function allowed(socket: Socket, options: ServeOptions): Promise<boolean> {
  return options.limiter.take(socket.id).then((ok) => (ok ? forgiven(socket) : refused(socket, options)));
}

function forgiven(socket: Socket): true {
  refusals.delete(socket);
  return true;
}

function refused(socket: Socket, options: ServeOptions): false {
  let record = refusals.get(socket);
  if (!record) {
    record = { inARow: 0 };
    refusals.set(socket, record);
    options.log.warn({ socket: socket.id, namespace: socket.nsp.name }, 'socket is sending too fast; refusing events');
  }
  // A real client backs off when told RATE_LIMITED; one that keeps hammering only costs every
  // other socket time, so it is cut off (and meets the per-address connection limit if it returns).
  record.inARow += 1;
  if (record.inARow === REFUSALS_BEFORE_DISCONNECT) {
    options.log.warn({ socket: socket.id, namespace: socket.nsp.name }, 'socket ignored RATE_LIMITED; disconnecting');
    socket.disconnect(true);
  }
  return false;
}

function reply(callback: unknown, ack: Ack<unknown>): void {
  if (typeof callback !== 'function') return;
  try {
    (callback as (ack: Ack<unknown>) => void)(ack);
  } catch {
    // A broken client callback must not take the server down; there is no one left to tell.
  }
}
