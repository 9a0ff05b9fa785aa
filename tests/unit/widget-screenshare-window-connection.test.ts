import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { ScreenshareWindowConnection } from '../../src/client/screenshare/screenshare-window-connection';
import { fail, ok, type ErrorCode } from '../../src/protocol/ack';
import type { ScreenshareSession, ScreenshareSignal } from '../../src/protocol/screenshare';

const KEY = 'window-key-0123456789abcdef';

function sessionOf(patch: Partial<ScreenshareSession> = {}): ScreenshareSession {
  return {
    id: 'session-1',
    chat: { kind: 'patron', id: 'chat-1' },
    direction: 'host-shares',
    state: 'joined',
    host: { kind: 'operator', id: 'op-alice', name: 'Alice' },
    guest: { kind: 'patron', id: null, name: 'Pat Reader' },
    requestedAt: 1,
    expiresAt: 300_001,
    startedAt: null,
    endedAt: null,
    endReason: null,
    endedBy: null,
    sourceLabel: null,
    guestReady: true,
    ...patch,
  };
}

const ICE = { iceServers: [{ urls: ['stun:stun.library.example:3478'] }], iceTransportPolicy: 'all' as const };

/**
 * A small real `/patron` server that answers screenshare:attach with the
 * refusals it is told to give first, then with the session; it counts the
 * attaches and can push to, or drop, the window's socket.
 */
async function startFakeDesk(refusals: ErrorCode[]) {
  const http = createServer();
  const io = new Server(http);
  const patrons = io.of('/patron');
  const attaches: unknown[] = [];
  let current: Socket | null = null;
  patrons.on('connection', (socket) => {
    current = socket;
    socket.on('screenshare:attach', (request: unknown, ack: (answer: unknown) => void) => {
      attaches.push(request);
      const refusal = refusals.shift();
      ack(refusal ? fail(refusal, `refused: ${refusal}`) : ok({ session: sessionOf(), ice: ICE }));
    });
  });
  await new Promise<void>((listening) => http.listen(0, '127.0.0.1', listening));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/patron`,
    attaches,
    push(event: string, payload: unknown) {
      current?.emit(event, payload);
    },
    /** The server ends the window's socket (as a restarting node does). */
    disconnectWindow() {
      current?.disconnect(true);
    },
    close: () => new Promise<void>((closed) => io.close(() => closed())),
  };
}

const opened: Array<{ close(): void }> = [];
const desks: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of opened.splice(0)) item.close();
  for (const desk of desks.splice(0)) await desk.close();
});

async function windowOn(refusals: ErrorCode[], tries = 5) {
  const desk = await startFakeDesk(refusals);
  desks.push(desk);
  const connection = new ScreenshareWindowConnection({
    url: desk.url,
    sessionId: 'session-1',
    windowKey: KEY,
    attachRetry: { tries, pauseMs: 20 },
    socketOptions: { transports: ['websocket'], reconnectionDelay: 20, reconnectionDelayMax: 50 },
  });
  opened.push(connection);
  return { desk, connection };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 3000; waited += 10) {
    if (check()) return;
    await new Promise((wait) => setTimeout(wait, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("the patron's screenshare window's connection", () => {
  it("attaches again after a short pause while the widget's Join has not landed yet", async () => {
    const { desk, connection } = await windowOn(['SCREENSHARE_NOT_YET', 'NOT_FOUND']);
    await until(() => connection.getState().link === 'attached', 'the attach');
    expect(desk.attaches).toEqual([
      { sessionId: 'session-1', windowKey: KEY },
      { sessionId: 'session-1', windowKey: KEY },
      { sessionId: 'session-1', windowKey: KEY },
    ]);
    expect(connection.getState()).toMatchObject({ session: { id: 'session-1', guestReady: true }, ice: ICE });
  });

  it('gives up after a few tries when the server never knows the key, and says why', async () => {
    const { desk, connection } = await windowOn(Array<ErrorCode>(10).fill('NOT_FOUND'), 3);
    await until(() => connection.getState().link === 'refused', 'the refusal');
    expect(desk.attaches).toHaveLength(3);
    expect(connection.getState().refusal).toEqual({ code: 'NOT_FOUND', message: 'refused: NOT_FOUND' });
  });

  it('stops at once when the screenshare is over', async () => {
    const { desk, connection } = await windowOn(['SCREENSHARE_OVER']);
    await until(() => connection.getState().link === 'refused', 'the refusal');
    expect(desk.attaches).toHaveLength(1);
  });

  it("hears the operator's signalling for its own session only, and the session's updates", async () => {
    const { desk, connection } = await windowOn([]);
    await until(() => connection.getState().link === 'attached', 'the attach');
    const heard: ScreenshareSignal[] = [];
    connection.onSignal((signal) => heard.push(signal));
    const offer: ScreenshareSignal = { kind: 'offer', sdp: 'v=0\r\n' };
    desk.push('screenshare:signal', { sessionId: 'another-session', signal: offer });
    desk.push('screenshare:signal', { sessionId: 'session-1', signal: { kind: 'offer' } }); // malformed: dropped
    desk.push('screenshare:signal', { sessionId: 'session-1', signal: offer });
    desk.push('screenshare:updated', sessionOf({ state: 'connecting', expiresAt: null, startedAt: 5 }));
    await until(() => connection.getState().session?.state === 'connecting', 'the update');
    expect(heard).toEqual([offer]);
  });

  it('attaches again when the server dropped its socket, so the session keeps its patron', async () => {
    const { desk, connection } = await windowOn([]);
    await until(() => connection.getState().link === 'attached', 'the attach');
    const links: string[] = [];
    connection.subscribe(() => {
      if (links.at(-1) !== connection.getState().link) links.push(connection.getState().link);
    });
    desk.disconnectWindow();
    await until(() => links.join() === 'reconnecting,attached', 'the drop and the second attach');
    expect(desk.attaches).toHaveLength(2);
  });
});
