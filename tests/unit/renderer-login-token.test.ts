import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, fakeApi, RecordingBridge } from './renderer-test-kit';

let server: FakeDeskServer;
const stores: ConsoleStore[] = [];

beforeEach(async () => {
  server = await startFakeDeskServer();
});
afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.close();
});

/** A login answered as the server answers a browser page: the profile, and no token (the cookie has it). */
function tokenlessApi() {
  const api = fakeApi();
  return {
    ...api,
    async logIn(username: string, password: string) {
      const { operator } = await api.logIn(username, password);
      return { operator };
    },
  };
}

describe('the desktop app needs the bearer token the browser console goes without', () => {
  it('a login answered without a token leaves the desktop app at the login form saying why, with nothing saved', async () => {
    const bridge = new RecordingBridge('electron');
    const { store } = consoleFor(server, bridge, { api: tokenlessApi() });
    stores.push(store);
    await store.getState().logIn('alice', 'deskbell-demo');
    expect(store.getState().phase).toBe('logged-out');
    expect(store.getState().loginError).toContain('session token');
    expect(bridge.savedTokens).toEqual([]);
  });
});
