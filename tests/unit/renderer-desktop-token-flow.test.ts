import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorConnection } from '../../src/client/operator-connection';
import type { ConsoleApi } from '../../renderer/api/console-api';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, fakeApi, RecordingBridge, until, type FakeApi } from './renderer-test-kit';

/**
 * The desktop app logs in with a bearer token it keeps through the main
 * process (encrypted with safeStorage), not with a cookie: it saves it at log
 * in, goes straight in with it at the next start, and forgets it when the
 * server no longer accepts it or the librarian logs out.
 */
let server: FakeDeskServer;
const stores: ConsoleStore[] = [];

beforeEach(async () => {
  server = await startFakeDeskServer();
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.close();
});

function desktopConsole(bridge = new RecordingBridge(), api: ConsoleApi = fakeApi()) {
  const made = consoleFor(server, bridge, { api });
  stores.push(made.store);
  return made;
}

describe('the session token in the desktop app', () => {
  it('logging in keeps the token for the next start and connects with it', async () => {
    const { store, bridge } = desktopConsole();
    await store.getState().logIn('alice', 'deskbell-demo');
    expect(bridge.savedTokens).toEqual(['alice-token']);
    expect(store.getState().tokenPersisted).toBe(true);
    // The fake server lets a socket in only with `auth: { token }`.
    await until(() => store.getState().connection === 'connected', 'connected with the token');
  });

  it('the next start goes straight to the chats with the kept token', async () => {
    const bridge = new RecordingBridge();
    bridge.storedToken = 'alice-token';
    const api = fakeApi();
    const { store } = desktopConsole(bridge, api);

    await store.getState().restoreSession();
    expect(api.meTokens).toEqual(['alice-token']);
    expect(store.getState()).toMatchObject({ phase: 'logged-in', tokenPersisted: true });
    expect(store.getState().operator?.username).toBe('alice');
    await until(() => store.getState().connection === 'connected', 'connected with the kept token');
    expect(bridge.savedTokens).toEqual([]);
  });

  it('a kept token the server no longer accepts is forgotten and the login form shows', async () => {
    const bridge = new RecordingBridge();
    bridge.storedToken = 'expired-token';
    const { store } = desktopConsole(bridge);

    await store.getState().restoreSession();
    expect(store.getState()).toMatchObject({ phase: 'logged-out', loginError: null });
    expect(bridge.savedTokens).toEqual([null]);
    expect(bridge.storedToken).toBeNull();
  });

  it('a server that cannot be reached at start keeps the token for the next try and says why', async () => {
    const bridge = new RecordingBridge();
    bridge.storedToken = 'alice-token';
    const api: ConsoleApi = {
      ...fakeApi(),
      me: () => Promise.reject(new Error('Cannot reach the Deskbell server. Check the network and try again.')),
    };
    const { store } = desktopConsole(bridge, api);

    await store.getState().restoreSession();
    expect(store.getState()).toMatchObject({
      phase: 'logged-out',
      loginError: 'Cannot reach the Deskbell server. Check the network and try again.',
    });
    expect(bridge.storedToken).toBe('alice-token');
  });

  it('with nothing kept, the login form shows without asking the server', async () => {
    const api = fakeApi();
    const { store } = desktopConsole(new RecordingBridge(), api);
    await store.getState().restoreSession();
    expect(store.getState().phase).toBe('logged-out');
    expect(api.meTokens).toEqual([]);
  });

  it('on a computer without safe storage the console knows the login is not kept', async () => {
    const bridge = new RecordingBridge();
    bridge.persisted = false;
    const { store } = desktopConsole(bridge);
    await store.getState().logIn('alice', 'deskbell-demo');
    expect(store.getState().tokenPersisted).toBe(false);
    await until(() => store.getState().connection === 'connected', 'connected all the same');
  });

  it('logging out ends the session on the server with the token and forgets it here', async () => {
    const api = fakeApi();
    const { store, bridge } = desktopConsole(new RecordingBridge(), api);
    await store.getState().logIn('alice', 'deskbell-demo');
    await store.getState().logOut();
    expect((api as FakeApi).logOutTokens).toEqual(['alice-token']);
    expect(bridge.savedTokens).toEqual(['alice-token', null]);
    expect(bridge.storedToken).toBeNull();
  });
});

describe('the session in the browser console', () => {
  it('uses its cookie: no token is asked for, kept or sent', async () => {
    const api = fakeApi();
    const tokens: Array<string | undefined> = [];
    const bridge = new RecordingBridge('web');
    const store = createConsoleStore({
      api,
      bridge,
      now: () => Date.now(),
      createConnection: (token) => {
        tokens.push(token);
        return new OperatorConnection({ url: server.url, ...(token ? { token } : {}) });
      },
    });
    stores.push(store);

    await store.getState().restoreSession();
    expect(api.meTokens).toEqual([undefined]);
    await store.getState().logIn('alice', 'deskbell-demo');
    expect(store.getState()).toMatchObject({ phase: 'logged-in', loginError: null, tokenPersisted: null });
    expect(tokens).toEqual([undefined]);
    await store.getState().logOut();
    // (The fake server refuses a socket without a token, which may log the console out a second time.)
    expect(new Set(api.logOutTokens)).toEqual(new Set([undefined]));
    expect(bridge.savedTokens).toEqual([]);
  });
});
