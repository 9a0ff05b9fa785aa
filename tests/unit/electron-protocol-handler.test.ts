import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS } from '../../src/protocol';
import type { AppContext } from '../../electron/main/app-context';
import {
  contentTypeOf,
  createAppProtocolHandler,
  resolveAppPath,
  type AppRequest,
  type AppResponse,
} from '../../electron/main/app-protocol/app-protocol-handler';
import { APP_SCHEME_PRIVILEGES } from '../../electron/main/app-protocol/app-scheme';
import { ALERT_PAGE_URL, APP_ORIGIN, appUrl, isAppUrl, MAIN_PAGE_URL } from '../../electron/main/app-protocol/app-url';
import { setUpAppProtocol } from '../../electron/main/app-protocol/setup-app-protocol';
import { StoredSettingsService } from '../../electron/main/settings/settings-service';
import { RecordingLogger } from '../fakes/fake-logger';
import { MemorySettingsStore } from '../fakes/settings-memory-store';

let root: string;
let outside: string;
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'deskbell-protocol-'));
  root = join(base, 'dist', 'console');
  outside = base;
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Deskbell</title>');
  writeFileSync(join(root, 'alert.html'), '<!doctype html><title>New chat</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'chirp-x.wav'), Buffer.from([82, 73, 70, 70]));
  writeFileSync(join(root, 'assets', 'my file.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'server config');
});
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('the app scheme', () => {
  it('is registered as standard, secure, fetch-able and streamable (the chirp plays from it)', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'deskbell-app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    });
  });

  it("the console and the pop-up are the app's own pages", () => {
    expect(MAIN_PAGE_URL).toBe('deskbell-app://console/index.html');
    expect(ALERT_PAGE_URL).toBe('deskbell-app://console/alert.html');
    expect(appUrl('/x.html')).toBe(`${APP_ORIGIN}/x.html`);
    expect(isAppUrl(MAIN_PAGE_URL)).toBe(true);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('mapping an app address to a file of the built console', () => {
  it('the root is index.html', () => {
    expect(resolveAppPath('deskbell-app://console/', root)).toEqual({ ok: true, file: join(root, 'index.html') });
  });

  it('a page and an asset map to their files', () => {
    expect(resolveAppPath(ALERT_PAGE_URL, root)).toEqual({ ok: true, file: join(root, 'alert.html') });
    expect(resolveAppPath('deskbell-app://console/assets/index-abc.js?v=1#x', root)).toEqual({
      ok: true,
      file: join(root, 'assets', 'index-abc.js'),
    });
  });

  it("the console's Vite base (/console/assets/...) is the same folder", () => {
    expect(resolveAppPath('deskbell-app://console/console/assets/index-abc.js', root)).toEqual({
      ok: true,
      file: join(root, 'assets', 'index-abc.js'),
    });
  });

  it('percent-encoded names are decoded', () => {
    expect(resolveAppPath('deskbell-app://console/assets/my%20file.css', root)).toEqual({
      ok: true,
      file: join(root, 'assets', 'my file.css'),
    });
  });

  it.each([
    'deskbell-app://console/assets/..%2f..%2fsecret.txt',
    'deskbell-app://console/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'deskbell-app://console/a/..\\..\\secret.txt',
    'deskbell-app://console/..%5c..%5csecret.txt',
    'deskbell-app://console/C:%5cWindows%5cwin.ini',
    'deskbell-app://console/index.html%00.png',
  ])('path traversal (%s) is refused', (url) => {
    expect(resolveAppPath(url, root)).toMatchObject({ ok: false, status: 403 });
  });

  it.each(['deskbell-app://console/../../secret.txt', 'deskbell-app://console/%2e%2e/%2E%2E/secret.txt'])(
    'dot segments (%s) are flattened by URL parsing and stay inside the folder',
    (url) => expect(resolveAppPath(url, root)).toEqual({ ok: true, file: join(root, 'secret.txt') }),
  );

  it('a malformed escape is a bad request', () => {
    expect(resolveAppPath('deskbell-app://console/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    'deskbell-app://widget/index.html',
    'deskbell-app://console.evil/index.html',
    'https://console/index.html',
    'file:///index.html',
  ])('an unknown host or scheme (%s) is refused', (url) =>
    expect(resolveAppPath(url, root)).toMatchObject({ ok: false, status: 403 }),
  );

  it('gives each kind of file its content type', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('chirp.wav')).toBe('audio/wav');
    expect(contentTypeOf('icon.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('blob.bin')).toBe('application/octet-stream');
  });
});

describe('serving the console through the protocol', () => {
  function setUp(serverUrl = DEFAULT_DESKTOP_SETTINGS.serverUrl) {
    const settings = new StoredSettingsService(
      new MemorySettingsStore({ settings: { ...DEFAULT_DESKTOP_SETTINGS, serverUrl } }),
      new RecordingLogger(),
    );
    let registered: { scheme: string; handler: (request: AppRequest) => Promise<AppResponse> } | null = null;
    const context = { settings, paths: { renderer: root, assets: '/assets' } } as unknown as AppContext;
    setUpAppProtocol(context, { handle: (scheme, handler) => (registered = { scheme, handler }) });
    if (!registered) throw new Error('nothing registered');
    const { scheme, handler } = registered as {
      scheme: string;
      handler: (request: AppRequest) => Promise<AppResponse>;
    };
    return { scheme, get: (url: string, method = 'GET') => handler({ url, method }), settings };
  }

  it('answers the console page with its type, the CSP naming the configured server, and nosniff', async () => {
    const { scheme, get } = setUp('https://desk.library.example');
    expect(scheme).toBe('deskbell-app');
    const response = await get(MAIN_PAGE_URL);
    expect(response.status).toBe(200);
    expect(new TextDecoder().decode(response.body ?? new Uint8Array())).toContain('<title>Deskbell</title>');
    expect(response.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(response.headers['Content-Security-Policy']).toContain(
      "connect-src 'self' https://desk.library.example wss://desk.library.example",
    );
    expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('the CSP follows the server setting when it changes', async () => {
    const { get, settings } = setUp();
    settings.update({ serverUrl: 'https://new.example' });
    expect((await get(MAIN_PAGE_URL)).headers['Content-Security-Policy']).toContain('https://new.example');
  });

  it('serves the sound as audio', async () => {
    const response = await setUp().get('deskbell-app://console/assets/chirp-x.wav');
    expect(response.headers['Content-Type']).toBe('audio/wav');
    expect(Array.from(response.body ?? [])).toEqual([82, 73, 70, 70]);
  });

  it('a missing file or a folder is 404', async () => {
    const { get } = setUp();
    expect((await get('deskbell-app://console/nope.js')).status).toBe(404);
    expect((await get('deskbell-app://console/assets')).status).toBe(404);
  });

  it('a file outside the console folder is never served', async () => {
    const { get } = setUp();
    for (const url of ['deskbell-app://console/%2e%2e/%2e%2e/secret.txt', 'deskbell-app://console/..%2fsecret.txt']) {
      const response = await get(url);
      expect(response.status).not.toBe(200);
      expect(new TextDecoder().decode(response.body ?? new Uint8Array())).not.toContain('server config');
    }
  });

  it('HEAD answers without a body; other methods are refused', async () => {
    const { get } = setUp();
    const head = await get(MAIN_PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect((await get(MAIN_PAGE_URL, 'POST')).status).toBe(405);
  });

  it('the handler can read through any file reader (the default is node:fs)', async () => {
    const handler = createAppProtocolHandler({
      root: '/virtual',
      readFile: (path) =>
        path === join('/virtual', 'index.html')
          ? Promise.resolve(new TextEncoder().encode('hi'))
          : Promise.reject(new Error('ENOENT')),
      contentSecurityPolicy: () => "default-src 'self'",
    });
    expect((await handler({ url: 'deskbell-app://console/', method: 'GET' })).status).toBe(200);
    expect((await handler({ url: 'deskbell-app://console/x', method: 'GET' })).status).toBe(404);
  });
});
