import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OperatorConnection } from '../../src/client/operator-connection';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, RecordingBridge, until } from './renderer-test-kit';

/**
 * The console inside the desktop app, with the main process played by a
 * RecordingBridge: the tray's and auto-away's status requests, the reconnect
 * hints after a sleep, and main's "play the chirp now".
 */
let server: FakeDeskServer;
const stores: ConsoleStore[] = [];

/** What `new Audio(src)` made and did: the renderer's only way to the speakers. */
class RecordedAudio {
  static made: RecordedAudio[] = [];
  volume = 1;
  plays = 0;
  constructor(readonly src: string) {
    RecordedAudio.made.push(this);
  }
  play() {
    this.plays += 1;
    return Promise.resolve();
  }
}

beforeEach(async () => {
  server = await startFakeDeskServer();
  RecordedAudio.made = [];
  vi.stubGlobal('Audio', RecordedAudio);
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  vi.unstubAllGlobals();
  await server.close();
});

async function aliceInTheDesktopApp(options: { reconnectionDelay?: number } = {}) {
  const bridge = new RecordingBridge();
  const made = consoleFor(
    server,
    bridge,
    options.reconnectionDelay
      ? {
          // socket.io would wait this long before its first retry: only a reconnect hint can be quicker.
          createConnection: (token) =>
            new OperatorConnection({
              url: server.url,
              ...(token ? { token } : {}),
              requestTimeoutMs: 1000,
              socketOptions: {
                transports: ['websocket'],
                reconnectionDelay: options.reconnectionDelay,
                reconnectionDelayMax: options.reconnectionDelay,
                randomizationFactor: 0,
              },
            }),
        }
      : {},
  );
  stores.push(made.store);
  await made.store.getState().logIn('alice', 'deskbell-demo');
  await until(() => made.store.getState().connection === 'connected', 'alice connected');
  return made;
}

describe('the console in the desktop app, answering its main process', () => {
  it('choosing Away in the tray menu sets Away on the server, in the console and back in the tray', async () => {
    const { store, bridge } = await aliceInTheDesktopApp();
    expect(store.getState().status).toBe('online');

    bridge.requestStatus('away', 'tray');
    await until(() => store.getState().status === 'away', 'the status to be Away');
    await until(() => bridge.presence.at(-1)?.status === 'away', 'the tray to hear Away');
    expect(bridge.presence.at(-1)).toEqual({ status: 'away', connected: true, waiting: 0, unread: 0, escalated: 0 });
  });

  it('a status asked for while the console is still reconnecting (back from a sleep) goes out once it is connected', async () => {
    const { store, bridge } = await aliceInTheDesktopApp();
    server.dropConnections();
    await until(() => store.getState().connection !== 'connected', 'the connection to drop');

    // The fake server's catch-up always says Online, so ask for Internal to see the request go out afterwards.
    bridge.requestStatus('internal', 'auto-return');
    expect(store.getState().statusError).toBeNull();
    await until(() => store.getState().connection === 'connected', 'the connection to come back');
    await until(() => store.getState().status === 'internal', 'the requested status after the catch-up');
    await until(() => bridge.presence.at(-1)?.status === 'internal', 'the tray to hear it');
  });

  it('a status request while logged out changes nothing', async () => {
    const { store, bridge } = await aliceInTheDesktopApp();
    await store.getState().logOut();
    bridge.requestStatus('online', 'auto-return');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.getState()).toMatchObject({ phase: 'logged-out', status: 'offline', statusError: null });
  });

  it('after the laptop wakes up, the console reconnects at once and pops up the chat that came in meanwhile', async () => {
    const { store, bridge } = await aliceInTheDesktopApp({ reconnectionDelay: 60_000 });
    server.dropConnections();
    await until(() => store.getState().connection === 'reconnecting', 'the connection to drop');
    const chat = server.startChat('Is the library open on Sunday?', 'Robin');
    const syncsBefore = server.syncRequests.length;

    bridge.hintReconnect('resume');
    await until(() => store.getState().connection === 'connected', 'the console to be connected again', 3000);
    expect(server.syncRequests.length).toBe(syncsBefore + 1);
    expect(bridge.alerts.map((alert) => alert.chatId)).toEqual([chat.id]);
    expect(store.getState().chats[chat.id]?.status).toBe('waiting');
  });

  it('a network change drops even a connection that looks fine, and catches up on a fresh one', async () => {
    const { store, bridge } = await aliceInTheDesktopApp();
    const syncsBefore = server.syncRequests.length;
    const states: string[] = [];
    const stop = store.subscribe((state, previous) => {
      if (state.connection !== previous.connection) states.push(state.connection);
    });

    bridge.hintReconnect('network');
    await until(() => server.syncRequests.length === syncsBefore + 1, 'a fresh catch-up');
    await until(() => store.getState().connection === 'connected', 'connected again');
    stop();
    expect(states).toEqual(['reconnecting', 'connected']);
    expect(server.connectedCount()).toBe(1);
  });

  it("plays the chirp when main says so, at main's volume", async () => {
    const { bridge } = await aliceInTheDesktopApp();
    bridge.playSound(0.4);
    expect(RecordedAudio.made).toHaveLength(1);
    expect(RecordedAudio.made[0]).toMatchObject({ volume: 0.4, plays: 1 });
    expect(RecordedAudio.made[0]?.src).toMatch(/chirp.*\.wav/);
  });

  it('never plays the chirp by itself for a new chat: it asks main, which decides', async () => {
    const { bridge } = await aliceInTheDesktopApp();
    server.startChat('Where are the printers?', 'Kim');
    await until(() => bridge.alerts.length === 1, 'the pop-up');
    expect(bridge.chirps).toBe(1);
    expect(RecordedAudio.made).toEqual([]);
  });

  it('settings changed elsewhere (the tray, another window) reach the Settings page', async () => {
    const { store, bridge } = await aliceInTheDesktopApp();
    await until(() => store.getState().desktopSettings !== null, 'the settings to load');
    await bridge.updateSettings({ alertStyle: 'system' });
    expect(store.getState().desktopSettings?.alertStyle).toBe('system');
  });

  it('stops listening to the desktop once the console is closed', async () => {
    const { store, bridge } = await aliceInTheDesktopApp();
    const syncs = server.syncRequests.length;
    store.dispose();
    bridge.playSound(0.9);
    bridge.hintReconnect('unlock');
    bridge.requestStatus('away', 'auto-away');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(RecordedAudio.made).toEqual([]);
    expect(server.syncRequests.length).toBe(syncs);
    expect(store.getState().status).toBe('online');
  });
});
