import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../src/protocol/ack';
import { type LoginResult, SESSION_COOKIE } from '../../src/protocol/http';
import {
  OPERATOR_NAMESPACE,
  type OperatorClientEvents,
  type OperatorServerEvents,
} from '../../src/protocol/operator-contract';
import { PATRON_NAMESPACE, type PatronClientEvents, type PatronServerEvents } from '../../src/protocol/patron-contract';
import type { OperatorProfile } from '../../src/protocol/models';
import { DEMO_PASSWORD } from '../../server/seed/demo-seed';

/** Typed socket.io clients, as the console and the widget hold them. */
export type OperatorClient = Socket<OperatorServerEvents, OperatorClientEvents>;
export type PatronClient = Socket<PatronServerEvents, PatronClientEvents>;

const REQUEST_TIMEOUT_MS = 5_000;
const EVENT_TIMEOUT_MS = 5_000;

const openSockets = new Set<Socket>();

/** socket.io-client's typed `on` cannot take a listener generic over the event map; this view of it can. */
interface Listenable {
  on(event: string, listener: (payload: never) => void): unknown;
  off(event: string, listener: (payload: never) => void): unknown;
}

/** Closes every socket the helpers opened; call it in afterEach. */
export function closeAllClients(): void {
  for (const socket of openSockets) socket.disconnect();
  openSockets.clear();
}

export interface Login extends LoginResult {
  /** A script (no Origin) is answered with the bearer token; a browser page is not. */
  token: string;
  /** `deskbell_session=<token>`, as a browser would send it back. */
  cookie: string;
}

/** Logs in over HTTP like the console's login form; fails the test on anything but 200. */
export async function login(baseUrl: string, username: string, password: string = DEMO_PASSWORD): Promise<Login> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200)
    throw new Error(`login as ${username} answered ${response.status}: ${await response.text()}`);
  const result = (await response.json()) as LoginResult;
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('login set no session cookie');
  if (!result.token) throw new Error('login answered a script without its bearer token');
  return { ...result, token: result.token, cookie: cookie.split(';')[0] ?? '' };
}

/** Resolves once the socket is connected; rejects with the server's refusal (connect_error). */
function whenConnected<S extends Socket>(socket: S): Promise<S> {
  openSockets.add(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

export interface ConnectOptions {
  headers?: Record<string, string>;
  /** Reconnect by itself after a drop (like the real clients); off by default so tests control it. */
  reconnection?: boolean;
}

/** An operator socket authenticated with a bearer token (desktop) or the session cookie (browser). */
export function connectOperator(
  baseUrl: string,
  auth: { token: string } | { cookie: string },
  options: ConnectOptions = {},
): Promise<OperatorClient> {
  const socket: OperatorClient = io(`${baseUrl}${OPERATOR_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    ...('token' in auth ? { auth: { token: auth.token } } : {}),
    extraHeaders: { ...options.headers, ...('cookie' in auth ? { cookie: auth.cookie } : {}) },
  });
  return whenConnected(socket);
}

export interface SignedInOperator {
  socket: OperatorClient;
  me: OperatorProfile;
  token: string;
}

/** Logs in as a demo account and opens its operator socket. */
export async function signIn(baseUrl: string, username: string): Promise<SignedInOperator> {
  const result = await login(baseUrl, username);
  return { socket: await connectOperator(baseUrl, { token: result.token }), me: result.operator, token: result.token };
}

/** An anonymous widget socket; headers stand in for the patron's browser (user agent, proxy headers). */
export function connectPatron(baseUrl: string, options: ConnectOptions = {}): Promise<PatronClient> {
  const socket: PatronClient = io(`${baseUrl}${PATRON_NAMESPACE}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    extraHeaders: options.headers ?? {},
  });
  return whenConnected(socket);
}

type RequestOf<E, K extends keyof E> = E[K] extends (...args: infer A) => void ? A[0] : never;
type ResponseOf<E, K extends keyof E> = E[K] extends (...args: infer A) => void
  ? A[1] extends (response: infer R) => void
    ? R
    : never
  : never;

/** Sends a request and resolves with the server's Ack (typed from the namespace's event map). */
export function ask<K extends keyof OperatorClientEvents>(
  socket: OperatorClient,
  event: K,
  payload: RequestOf<OperatorClientEvents, K>,
): Promise<ResponseOf<OperatorClientEvents, K>>;
export function ask<K extends keyof PatronClientEvents>(
  socket: PatronClient,
  event: K,
  payload: RequestOf<PatronClientEvents, K>,
): Promise<ResponseOf<PatronClientEvents, K>>;
export function ask(socket: OperatorClient | PatronClient, event: string, payload: unknown): Promise<unknown> {
  return (socket as unknown as Socket).timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, payload);
}

/** Sends anything at all (wrong types, unknown events): what a broken or hostile client can do. */
export function askRaw(socket: Socket, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  return socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, ...args) as Promise<Ack<unknown>>;
}

/** The data of a successful Ack; fails the test with the server's error otherwise. */
export function dataOf<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected success, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

type PayloadOf<E, K extends keyof E> = E[K] extends (payload: infer P) => void ? P : never;

/** The next time the socket hears `event` (optionally: with a payload matching `where`). */
export function nextEvent<K extends keyof OperatorServerEvents>(
  socket: OperatorClient,
  event: K,
  where?: (payload: PayloadOf<OperatorServerEvents, K>) => boolean,
): Promise<PayloadOf<OperatorServerEvents, K>>;
export function nextEvent<K extends keyof PatronServerEvents>(
  socket: PatronClient,
  event: K,
  where?: (payload: PayloadOf<PatronServerEvents, K>) => boolean,
): Promise<PayloadOf<PatronServerEvents, K>>;
export function nextEvent(
  socket: OperatorClient | PatronClient,
  event: string,
  where: (payload: never) => boolean = () => true,
): Promise<unknown> {
  const raw = socket as unknown as Listenable;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      raw.off(event, listener);
      reject(new Error(`no ${event} within ${EVENT_TIMEOUT_MS} ms`));
    }, EVENT_TIMEOUT_MS);
    const listener = (payload: never) => {
      if (!where(payload)) return;
      clearTimeout(timer);
      raw.off(event, listener);
      resolve(payload);
    };
    raw.on(event, listener);
  });
}

/** Everything the socket hears of `event` from now on, in arrival order. */
export function recordEvents<K extends keyof OperatorServerEvents>(
  socket: OperatorClient,
  event: K,
): Array<PayloadOf<OperatorServerEvents, K>>;
export function recordEvents<K extends keyof PatronServerEvents>(
  socket: PatronClient,
  event: K,
): Array<PayloadOf<PatronServerEvents, K>>;
export function recordEvents(socket: OperatorClient | PatronClient, event: string): unknown[] {
  const heard: unknown[] = [];
  (socket as unknown as Listenable).on(event, (payload: never) => heard.push(payload));
  return heard;
}

/**
 * A round trip on the socket (an unknown event, which the server answers at
 * once), after which anything the server emitted to it earlier has arrived:
 * one connection delivers in order. Used before asserting that something did NOT arrive.
 */
export async function settle(socket: OperatorClient | PatronClient): Promise<void> {
  await askRaw(socket as unknown as Socket, 'deskbell:ping');
}
