import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../server/admin/admin-cli';
import { createRepositories } from '../../server/repositories';
import { login } from '../support/clients';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * `npm run admin -- ...` against a running desk's database (issue 13): the
 * way back in for a library whose only admin is locked out. SQLite and PostgreSQL.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdminCommand(argv, {
    repos: createRepositories(server.storage.db),
    now: Date.now,
    io: { out: (line) => out.push(line), err: (line) => err.push(line) },
  });
  return { code, out, err };
}

describe('deskbell admin on the command line', () => {
  it('creates an account whose temporary password logs in, and lists it', async () => {
    const made = await run(
      'create',
      'jo',
      '--name',
      'Jo Archivist',
      '--role',
      'supervisor',
      '--department',
      'research-help',
    );
    expect(made.code).toBe(0);
    const password = /Temporary password: (\S+)/.exec(made.out.join('\n'))?.[1] ?? '';
    const session = await login(server.url, 'jo', password);
    expect(session.operator).toMatchObject({
      role: 'supervisor',
      departmentIds: ['research-help'],
      mustChangePassword: true,
    });
    const listed = await run('list');
    expect(listed.out.find((line) => line.startsWith('jo '))).toMatch(
      /Jo Archivist\s+supervisor\s+temporary password\s+Research Help/,
    );
  });

  it('resets a locked-out admin’s password: the old sessions end and the new one works', async () => {
    const before = await login(server.url, 'dana');
    const reset = await run('reset-password', 'Dana');
    expect(reset.code).toBe(0);
    const password = /: (\S+)$/.exec(reset.out[0] ?? '')?.[1] ?? '';
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${before.token}` } })).status).toBe(
      401,
    );
    expect((await login(server.url, 'dana', password)).operator.mustChangePassword).toBe(true);
    const audit = await server.storage.db
      .selectFrom('audit_log')
      .select(['actor_name', 'action'])
      .where('action', '=', 'account.password-reset')
      .execute();
    expect(audit).toContainEqual({ actor_name: 'deskbell admin (command line)', action: 'account.password-reset' });
  });

  it('refuses mistakes with a clear line and a non-zero exit, writing nothing', async () => {
    const count = async () => (await server.storage.db.selectFrom('accounts').select('id').execute()).length;
    const accounts = await count();
    expect(await run('create', 'alice', '--name', 'Alice Again')).toMatchObject({
      code: 1,
      err: ['deskbell admin: username: "alice" is already taken.'],
    });
    expect((await run('create', 'kim', '--name', 'Kim', '--role', 'boss')).err[0]).toMatch(/^deskbell admin: --role:/);
    expect((await run('create', 'kim')).err[0]).toBe('deskbell admin: --name: is empty');
    expect((await run('create', 'kim', '--name', 'Kim', '--department', 'nope')).code).toBe(1);
    expect((await run('reset-password', 'nobody')).code).toBe(1);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('list', '--colour')).code).toBe(2);
    expect(await count()).toBe(accounts);
  });
});
