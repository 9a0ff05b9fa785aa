import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ScreenshareWindowConnection } from '../../src/client/screenshare/screenshare-window-connection';
import type { ScreenshareSession, ScreenshareSignal } from '../../src/protocol/screenshare';
import { ask, closeAllClients, dataOf, nextEvent, recordEvents, type SignedInOperator } from '../support/clients';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The patron's screenshare window's own connection (src/client/screenshare/
 * screenshare-window-connection.ts) against a real server: it may open before
 * the widget's Join lands and attaches once it has, hears the operator's offer,
 * answers, and after its socket is dropped by the server attaches again within
 * the grace, so the session goes on. Runs on SQLite and PostgreSQL.
 */
let server: TestServer;
let alice: SignedInOperator;
const windows: ScreenshareWindowConnection[] = [];

const GRACE_MS = 1_500;
const WINDOW_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

beforeAll(async () => {
  server = await startTestServer({ timings: { screenshareGraceMs: GRACE_MS, upkeepIntervalMs: 50 } });
});
afterEach(() => {
  for (const window of windows.splice(0)) window.close();
  closeAllClients();
});
afterAll(() => server.close());

function openWindow(sessionId: string): ScreenshareWindowConnection {
  const window = new ScreenshareWindowConnection({
    url: `${server.url}/patron`,
    sessionId,
    windowKey: WINDOW_KEY,
    attachRetry: { tries: 20, pauseMs: 50 },
    socketOptions: { transports: ['websocket'], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 100 },
  });
  windows.push(window);
  return window;
}

async function until(check: () => boolean, what: string, withinMs = 5_000): Promise<void> {
  for (let waited = 0; waited < withinMs; waited += 20) {
    if (check()) return;
    await new Promise((wait) => setTimeout(wait, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const sleep = (ms: number) => new Promise((wait) => setTimeout(wait, ms));

/** Alice asks to share her screen; the window opens at once, and the patron's Join follows a moment later. */
async function joinedWindow() {
  alice = await onlineOperator(server.url, 'alice');
  const { chatId, patron } = await claimedChat(server.url, alice);
  const { session } = dataOf(
    await ask(alice.socket, 'screenshare:request', { chat: { kind: 'patron', id: chatId }, direction: 'host-shares' }),
  );
  const window = openWindow(session.id);
  await sleep(150); // the window's first attaches come before the Join
  const aliceSeesReady = nextEvent(alice.socket, 'screenshare:updated', (s) => s.guestReady);
  dataOf(await ask(patron, 'screenshare:answer', { sessionId: session.id, join: true, windowKey: WINDOW_KEY }));
  await until(() => window.getState().link === 'attached', 'the attach');
  expect(await aliceSeesReady).toMatchObject({ id: session.id, state: 'joined', guestReady: true });
  return { session, window, patron };
}

async function launched(session: ScreenshareSession, window: ScreenshareWindowConnection) {
  const heard: ScreenshareSignal[] = [];
  window.onSignal((signal) => heard.push(signal));
  dataOf(await ask(alice.socket, 'screenshare:launch', { sessionId: session.id }));
  await until(() => window.getState().session?.state === 'connecting', 'the launch');
  dataOf(
    await ask(alice.socket, 'screenshare:signal', { sessionId: session.id, signal: { kind: 'offer', sdp: OFFER } }),
  );
  await until(() => heard.length > 0, 'the offer');
  expect(heard).toEqual([{ kind: 'offer', sdp: OFFER }]);
}

describe("the patron's screenshare window", () => {
  it("attaches after the widget's Join, hears the operator's offer and answers it", async () => {
    const { session, window } = await joinedWindow();
    expect(window.getState().ice).toMatchObject({ iceTransportPolicy: 'all' });
    await launched(session, window);

    const aliceHearsAnswer = nextEvent(alice.socket, 'screenshare:signal');
    expect(await window.signal({ kind: 'answer', sdp: OFFER })).toEqual({ ok: true, data: { relayed: true } });
    expect(await aliceHearsAnswer).toEqual({ sessionId: session.id, signal: { kind: 'answer', sdp: OFFER } });

    const ended = await window.end();
    expect(ended).toMatchObject({ ok: true, data: { state: 'ended', endReason: 'hung-up' } });
  });

  it('attaches again after the server dropped its socket, within the grace, and the screenshare goes on', async () => {
    const { session, window } = await joinedWindow();
    await launched(session, window);
    const aliceHears = recordEvents(alice.socket, 'screenshare:updated');

    const links: string[] = [];
    window.subscribe(() => {
      if (links.at(-1) !== window.getState().link) links.push(window.getState().link);
    });

    const sockets = await server.server.io.of('/patron').fetchSockets();
    const windowSockets = sockets.filter(
      (socket) => (socket.data as { inScreenshare?: boolean }).inScreenshare === true,
    );
    expect(windowSockets).toHaveLength(1);
    windowSockets[0]?.disconnect(true);
    await until(() => links.join() === 'reconnecting,attached', 'the drop and the second attach');

    await sleep(GRACE_MS + 500);
    expect(aliceHears.filter((s) => s.id === session.id && s.state === 'ended')).toEqual([]);
    // The new socket is the window's side: the operator's signalling reaches it.
    const heard: ScreenshareSignal[] = [];
    window.onSignal((signal) => heard.push(signal));
    const candidate = {
      kind: 'candidate' as const,
      candidate: 'candidate:1 1 udp 1 10.0.0.2 5000 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    expect(dataOf(await ask(alice.socket, 'screenshare:signal', { sessionId: session.id, signal: candidate }))).toEqual(
      {
        relayed: true,
      },
    );
    await until(() => heard.length > 0, 'the candidate');
  });

  it('ends the screenshare for the operator when the window closes and stays away past the grace', async () => {
    const { session, window } = await joinedWindow();
    await launched(session, window);
    const aliceSeesEnd = nextEvent(
      alice.socket,
      'screenshare:updated',
      (s) => s.id === session.id && s.state === 'ended',
    );
    window.close();
    expect(await aliceSeesEnd).toMatchObject({ id: session.id, endReason: 'connection-lost' });
  });
});

describe('how the server serves the screenshare window', () => {
  it('as a top-level page that no site may frame, which the widget that opened it can still reach', async () => {
    const distDir = await mkdtemp(join(tmpdir(), 'deskbell-window-dist-'));
    await mkdir(join(distDir, 'widget'), { recursive: true });
    await writeFile(join(distDir, 'widget', 'loader.js'), 'console.log("loader")');
    await writeFile(join(distDir, 'widget', 'frame.html'), '<title>Ask a librarian</title>');
    await writeFile(join(distDir, 'widget', 'screenshare.html'), '<title>Screenshare</title>');
    const served = await startTestServer({ distDir });
    try {
      const page = await fetch(`${served.url}/widget/screenshare.html`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Screenshare</title>');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("connect-src 'self'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
      expect(page.headers.get('permissions-policy')).toBeNull();
      // The chat panel keeps its own headers: framed by the library's site.
      const frame = await fetch(`${served.url}/widget/frame.html`);
      expect(frame.headers.get('content-security-policy')).toContain("frame-ancestors 'self' *");
    } finally {
      await served.close();
      await rm(distDir, { recursive: true, force: true });
    }
  });
});
