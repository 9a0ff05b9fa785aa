import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpConsoleApi } from '../../renderer/api/console-api';
import { connectionOptionsFor, serverTargetFor } from '../../renderer/desktop/server-target';
import { RecordingBridge } from './renderer-test-kit';

describe('which server the console talks to', () => {
  it('the desktop app uses the server URL from its settings, with its token, straight over a WebSocket', async () => {
    const bridge = new RecordingBridge();
    bridge.settings.serverUrl = 'https://chat.library.org/';
    const target = await serverTargetFor(bridge, '');
    expect(target.desktop).toBe(true);
    expect(connectionOptionsFor(target, 'alice-token')).toEqual({
      url: 'https://chat.library.org',
      token: 'alice-token',
      socketOptions: { transports: ['websocket'] },
    });
  });

  it('the desktop app follows a changed server URL from then on', async () => {
    const bridge = new RecordingBridge();
    const target = await serverTargetFor(bridge, '');
    expect(target.url()).toBe('http://127.0.0.1:8080');
    await bridge.updateSettings({ serverUrl: 'https://help.library.org' });
    expect(target.url()).toBe('https://help.library.org');
    target.dispose();
    await bridge.updateSettings({ serverUrl: 'https://elsewhere.example' });
    expect(target.url()).toBe('https://help.library.org');
  });

  it('the desktop app falls back to the default server when its settings cannot be read', async () => {
    const bridge = new RecordingBridge();
    bridge.getSettings = () => Promise.reject(new Error('settings file is locked'));
    expect((await serverTargetFor(bridge, '')).url()).toBe('http://127.0.0.1:8080');
  });

  it('the browser console talks to the server that served it, with its cookie and default transports', async () => {
    const target = await serverTargetFor(new RecordingBridge('web'), '');
    expect(target.desktop).toBe(false);
    const signal = () => () => undefined;
    expect(connectionOptionsFor(target, undefined, { onlineSignal: signal })).toEqual({ onlineSignal: signal });
    const elsewhere = await serverTargetFor(new RecordingBridge('web'), 'http://127.0.0.1:3000');
    expect(connectionOptionsFor(elsewhere, undefined)).toEqual({ url: 'http://127.0.0.1:3000' });
  });
});

describe("the console's HTTP calls", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("the desktop app's calls carry its bearer token and no cookies, to the server from its settings", async () => {
    const calls: Array<{ url: string; credentials: RequestCredentials | undefined; authorization: string | null }> = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, credentials: init.credentials, authorization: new Headers(init.headers).get('authorization') });
      return new Response(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'Log in first.' } }), {
        status: 401,
      });
    });
    let server = 'https://chat.library.org/';
    const api = createHttpConsoleApi(() => server, { credentials: 'omit' });
    expect(await api.me('alice-token')).toBeNull();
    server = 'https://help.library.org';
    await api.logOut('alice-token');
    expect(calls).toEqual([
      { url: 'https://chat.library.org/api/me', credentials: 'omit', authorization: 'Bearer alice-token' },
      { url: 'https://help.library.org/api/logout', credentials: 'omit', authorization: 'Bearer alice-token' },
    ]);
  });

  it('the browser console sends its cookie and no Authorization header', async () => {
    const calls: Array<{ url: string; credentials: RequestCredentials | undefined; authorization: string | null }> = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, credentials: init.credentials, authorization: new Headers(init.headers).get('authorization') });
      return new Response(JSON.stringify({ operator: { username: 'alice' } }), { status: 200 });
    });
    expect(await createHttpConsoleApi('').me()).toEqual({ username: 'alice' });
    expect(calls).toEqual([{ url: '/api/me', credentials: 'include', authorization: null }]);
  });
});
