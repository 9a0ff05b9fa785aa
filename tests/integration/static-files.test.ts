import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';

let built: TestServer;
let unbuilt: TestServer;
let distDir: string;

beforeAll(async () => {
  // A stand-in build: the real one comes from `npm run build`, made by other parts of the project.
  distDir = await mkdtemp(join(tmpdir(), 'deskbell-dist-'));
  await mkdir(join(distDir, 'console', 'assets'), { recursive: true });
  await mkdir(join(distDir, 'widget'), { recursive: true });
  await writeFile(join(distDir, 'console', 'index.html'), '<title>Deskbell console</title>');
  await writeFile(join(distDir, 'console', 'assets', 'app.js'), 'console.log("console")');
  await writeFile(join(distDir, 'widget', 'loader.js'), 'console.log("loader")');
  await writeFile(join(distDir, 'widget', 'frame.html'), '<title>Ask a librarian</title>');
  await writeFile(join(distDir, 'widget', 'demo.html'), '<title>Library home</title>');
  await writeFile(join(distDir, 'secret.txt'), 'outside the served folders');
  [built, unbuilt] = await Promise.all([startTestServer({ distDir }), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([built.close(), unbuilt.close()]);
  await rm(distDir, { recursive: true, force: true });
});

async function get(server: TestServer, path: string) {
  const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get('content-type') ?? '',
    location: response.headers.get('location'),
  };
}

function rawGet(server: TestServer, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('serving the console, the widget and the demo page', () => {
  it('the demo library page is at /', async () => {
    const page = await get(built, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Library home');
    expect(page.type).toContain('text/html');
  });

  it('the widget loader and frame are at /widget/', async () => {
    expect((await get(built, '/widget/loader.js')).body).toContain('loader');
    expect((await get(built, '/widget/frame.html')).body).toContain('Ask a librarian');
    expect((await get(built, '/widget/nothing.js')).status).toBe(404);
  });

  it('the console is at /console/ and its routes fall back to index.html', async () => {
    expect((await get(built, '/console')).location).toBe('/console/');
    expect((await get(built, '/console/')).body).toContain('Deskbell console');
    expect((await get(built, '/console/chats/123')).body).toContain('Deskbell console');
    expect((await get(built, '/console/assets/app.js')).body).toContain('console.log');
    expect((await get(built, '/console/assets/missing.js')).status).toBe(404);
  });

  it('files outside the served folders cannot be reached', async () => {
    // Sent as written (fetch would tidy the dots away before they reach the server).
    for (const path of [
      '/widget/../secret.txt',
      '/widget/%2e%2e/secret.txt',
      '/console/..%2fsecret.txt',
      '/widget/..%2f..%2fsecret.txt',
    ]) {
      const response = await rawGet(built, path);
      expect(response.body, path).not.toContain('outside the served folders');
    }
  });

  it('before a build, the pages answer 503 saying to run npm run build', async () => {
    for (const path of ['/', '/console/', '/widget/loader.js']) {
      const response = await get(unbuilt, path);
      expect(response.status, path).toBe(503);
      expect(response.body, path).toContain('npm run build');
    }
  });

  it('GET /health answers with the database in use', async () => {
    const response = await fetch(`${built.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      database: process.env.DESKBELL_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite',
    });
  });

  it('an unknown API path is a 404 in the usual error shape', async () => {
    const response = await get(built, '/api/nothing');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
