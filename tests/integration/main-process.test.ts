import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAllClients } from '../support/clients';
import { patronAsks } from '../support/flows';
import { runMain, type MainRun } from '../support/run-main';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * main.ts as a person runs it: its own process, options from the command line
 * and the environment, lines printed for the person, exit codes.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deskbell-main-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The database env for this project: nothing for SQLite, a fresh DATABASE_URL for PostgreSQL. */
async function databaseEnv(): Promise<Record<string, string>> {
  const database: TestDatabase = await createTestDatabase();
  cleanups.push(() => database.drop());
  return database.url ? { DATABASE_URL: database.url } : {};
}

function started(run: MainRun): MainRun {
  cleanups.push(() => run.stop());
  return run;
}

async function loginStatus(url: string, username: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

describe('starting Deskbell from the command line', () => {
  it('with --demo it prints the console, the demo page and the demo logins, and /health answers', async () => {
    const run = started(runMain(['--demo', '--port', '0', '--data-dir', await dataDir()], await databaseEnv()));
    const url = await run.listening();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.stdout()).toContain(`${url}/console/`);
    expect(run.stdout()).toContain(`Widget demo page:  ${url}/`);
    expect(run.stdout()).toMatch(/alice[\s\S]*bob[\s\S]*sam/);
    expect(run.stdout()).toContain('deskbell-demo');
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { ok: boolean }).ok).toBe(true);
    expect(await loginStatus(url, 'sam', 'deskbell-demo')).toBe(200);
  });

  it('the first run without --demo creates one admin whose password is printed once', async () => {
    const dir = await dataDir();
    const env = await databaseEnv();
    const first = started(runMain(['--port', '0', '--data-dir', dir], env));
    const url = await first.listening();
    const password = /password: (\S+)/.exec(first.stdout())?.[1];
    expect(password).toBeDefined();
    expect(await loginStatus(url, 'admin', password ?? '')).toBe(200);
    expect(await loginStatus(url, 'alice', 'deskbell-demo')).toBe(401);
    expect((await first.stop()).code).toBe(0);

    const second = started(runMain(['--port', '0', '--data-dir', dir], env));
    const secondUrl = await second.listening();
    expect(second.stdout()).not.toContain('password');
    // The stored password still works: only its hash was kept, and it was not replaced.
    expect(await loginStatus(secondUrl, 'admin', password ?? '')).toBe(200);
  });

  it('DESKBELL_ADMIN_PASSWORD sets the first admin password, which is then not printed', async () => {
    const run = started(
      runMain(['--port', '0', '--data-dir', await dataDir()], {
        ...(await databaseEnv()),
        DESKBELL_ADMIN_PASSWORD: 'a-long-admin-secret',
      }),
    );
    const url = await run.listening();
    expect(run.stdout()).not.toContain('a-long-admin-secret');
    expect(run.stdout()).toContain('DESKBELL_ADMIN_PASSWORD');
    expect(await loginStatus(url, 'admin', 'a-long-admin-secret')).toBe(200);
  });

  it('PORT, HOST and DESKBELL_DATA_DIR come from the environment when no option is given', async () => {
    const dir = await dataDir();
    const run = started(runMain(['--demo'], { PORT: '0', HOST: '127.0.0.1', DESKBELL_DATA_DIR: dir }));
    await run.listening();
    expect(run.stdout()).toContain(`SQLite in ${dir}`);
  });

  it('SIGTERM with librarians and patrons still connected finishes their goodbyes before closing the database', async () => {
    const run = started(runMain(['--demo', '--port', '0', '--data-dir', await dataDir()], await databaseEnv()));
    const url = await run.listening();
    const alice = await onlineOperator(url, 'alice');
    await claimedChat(url, alice, 'Still chatting at closing time');
    await patronAsks(url, { question: 'Waiting at closing time' });

    expect((await run.stop()).code).toBe(0);
    closeAllClients();
    // The disconnect handlers (presence, the patron's away mark) ran against an open database.
    expect(run.output()).not.toMatch(/destroyed|could not mark|could not update presence/i);
  });

  it('SIGTERM closes the server cleanly with exit code 0', async () => {
    const run = started(runMain(['--demo', '--port', '0', '--data-dir', await dataDir()], await databaseEnv()));
    const url = await run.listening();
    expect((await run.stop()).code).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

describe('a bad option stops Deskbell with one clear line and exit code 2', () => {
  const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['a port that is not a number', ['--port', 'eighty'], {}, /--port: must be a whole number from 0 to 65535/],
    ['a PORT out of range', [], { PORT: '70000' }, /PORT: must be a whole number from 0 to 65535/],
    ['an unknown option', ['--prot', '8080'], {}, /--prot/],
    [
      'a DATABASE_URL that is not PostgreSQL',
      [],
      { DATABASE_URL: 'mysql://localhost/deskbell' },
      /DATABASE_URL: must be a postgres:\/\//,
    ],
    [
      'a DESKBELL_TRUST_PROXY that is not true or false',
      [],
      { DESKBELL_TRUST_PROXY: 'maybe' },
      /DESKBELL_TRUST_PROXY: must be true or false/,
    ],
    [
      'a too short DESKBELL_ADMIN_PASSWORD',
      [],
      { DESKBELL_ADMIN_PASSWORD: 'short' },
      /DESKBELL_ADMIN_PASSWORD: must be at least 8 characters/,
    ],
  ];
  for (const [what, args, env, expected] of cases) {
    it(what, async () => {
      const run = runMain([...args, '--data-dir', await dataDir()], env);
      const { code } = await run.exited();
      expect(code).toBe(2);
      const lines = run.stderr().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^deskbell: /);
      expect(lines[0]).toMatch(expected);
      expect(run.output()).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('a deskbell.json that is not valid names the file and the field', async () => {
    const dir = await dataDir();
    await writeFile(
      join(dir, 'deskbell.json'),
      JSON.stringify({ patronFields: [{ key: 'Library Card', label: 'Card' }] }),
    );
    const run = runMain(['--data-dir', dir]);
    expect((await run.exited()).code).toBe(2);
    expect(run.stderr().trim()).toMatch(/deskbell\.json: patronFields\.0\.key: field keys are lower-case/);
  });

  it('a deskbell.json that is not JSON at all says so', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'deskbell.json'), '{ questionTypes: [');
    const run = runMain(['--data-dir', dir]);
    expect((await run.exited()).code).toBe(2);
    expect(run.stderr().trim()).toMatch(/deskbell\.json: is not valid JSON/);
  });
});
