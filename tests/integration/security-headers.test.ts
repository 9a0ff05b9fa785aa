import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskbellServer, type DeskbellServer } from '../../server/app';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let distDir: string;
/** A second server over the same database, started as with `--widget-origins https://www.riverside-library.example`. */
let restricted: DeskbellServer;
let restrictedUrl: string;

beforeAll(async () => {
  // A stand-in build: the headers do not depend on what the files say.
  distDir = await mkdtemp(join(tmpdir(), 'deskbell-dist-'));
  await mkdir(join(distDir, 'console', 'assets'), { recursive: true });
  await mkdir(join(distDir, 'widget', 'assets'), { recursive: true });
  await writeFile(join(distDir, 'console', 'index.html'), '<title>Deskbell console</title>');
  await writeFile(join(distDir, 'console', 'assets', 'app.js'), 'console.log("console")');
  await writeFile(join(distDir, 'widget', 'loader.js'), 'console.log("loader")');
  await writeFile(join(distDir, 'widget', 'frame.html'), '<title>Ask a librarian</title>');
  await writeFile(join(distDir, 'widget', 'assets', 'frame.js'), 'console.log("frame")');
  await writeFile(join(distDir, 'widget', 'demo.html'), '<title>Library home</title>');
  server = await startTestServer({ distDir });
  restricted = await createDeskbellServer({
    storage: server.storage,
    distDir,
    logger: false,
    widgetOrigins: ['https://www.riverside-library.example'],
  });
  await restricted.app.listen({ port: 0, host: '127.0.0.1' });
  restrictedUrl = `http://127.0.0.1:${(restricted.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await restricted.close();
  await server.close();
  await rm(distDir, { recursive: true, force: true });
});

async function headersOf(url: string): Promise<Headers> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.arrayBuffer();
  return response.headers;
}

/** The CSP as directive name -> its sources. */
function policy(headers: Headers): Map<string, string[]> {
  const text = headers.get('content-security-policy') ?? '';
  const directives = new Map<string, string[]>();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

describe('the operator console cannot be framed or fed foreign scripts', () => {
  it('another site cannot frame the console (clickjacking): frame-ancestors none and X-Frame-Options DENY', async () => {
    for (const path of ['/console/', '/console/chats/123', '/console/assets/app.js']) {
      const headers = await headersOf(`${server.url}${path}`);
      expect(policy(headers).get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it("the console's policy matches the desktop app's: its own scripts only, talking only to its own server", async () => {
    const csp = policy(await headersOf(`${server.url}/console/`));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // Only its own server's pages: the widget preview of Desk settings.
    expect(csp.get('frame-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    // Plain http on a library's own network must keep working: nothing is upgraded to https.
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it('every answer, the API and the widget included, forbids content sniffing and leaks no address in Referer', async () => {
    for (const path of ['/console/', '/api/me', '/widget/loader.js', '/widget/frame.html', '/health', '/']) {
      const headers = await headersOf(`${server.url}${path}`);
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });
});

describe("the patron widget stays embeddable on the library's site", () => {
  it('by default any site may frame the chat panel, and nothing tells old browsers otherwise', async () => {
    const headers = await headersOf(`${server.url}/widget/frame.html`);
    expect(policy(headers).get('frame-ancestors')).toEqual(["'self'", '*']);
    expect(headers.get('x-frame-options')).toBeNull();
  });

  it("with --widget-origins only the library's own site (and the server's demo page) may frame the chat panel", async () => {
    const headers = await headersOf(`${restrictedUrl}/widget/frame.html`);
    expect(policy(headers).get('frame-ancestors')).toEqual(["'self'", 'https://www.riverside-library.example']);
    expect(headers.get('x-frame-options')).toBeNull();
    // The console on that server is still never framed.
    expect(policy(await headersOf(`${restrictedUrl}/console/`)).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it("the loader script and the frame's files may be loaded by the library's pages on another origin", async () => {
    for (const path of ['/widget/loader.js', '/widget/frame.html', '/widget/assets/frame.js']) {
      const headers = await headersOf(`${server.url}${path}`);
      expect(headers.get('cross-origin-resource-policy'), path).toBe('cross-origin');
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    expect((await headersOf(`${server.url}/widget/loader.js`)).get('content-type')).toContain('javascript');
  });

  it("the demo library page may frame the chat panel from the server's own origin", async () => {
    const csp = policy(await headersOf(`${server.url}/`));
    expect(csp.get('frame-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('what the server tells anyone who asks', () => {
  it('/health says the database answers but not which version of Deskbell runs', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      database: process.env.DESKBELL_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite',
    });
  });
});
