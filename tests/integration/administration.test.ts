import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATHS, type StaffAccount } from '../../src/protocol/admin';
import { closeAllClients, connectOperator, login, nextEvent } from '../support/clients';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';
import { callApi, errorOf } from '../support/http-calls';

/**
 * Staff accounts run from the Administration API (issue 13): every change
 * authorised by role on the server and audited, the last admin protected, a
 * deactivated account out at once with its chats back in the queue. Real
 * server, on SQLite and on PostgreSQL (the project's two integration runs).
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ timings: { presenceGraceMs: 60_000 } });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
  callApi(server.url, token, method, path, body);

const adminToken = async () => (await login(server.url, 'dana')).token;

describe('the Administration API', () => {
  it('an admin adds a colleague who logs in with the temporary password, must change it, and then uses their own', async () => {
    const token = await adminToken();
    const created = await call(token, 'POST', ADMIN_PATHS.accounts, {
      username: 'Riley',
      displayName: 'Riley Reader',
      role: 'operator',
      departmentIds: ['general-reference'],
    });
    expect(created.status).toBe(201);
    const account = created.body.account as StaffAccount;
    expect(account).toMatchObject({ username: 'riley', role: 'operator', active: true, mustChangePassword: true });
    const temporary = created.body.temporaryPassword as string;
    expect(temporary.length).toBeGreaterThanOrEqual(10);

    const first = await login(server.url, 'riley', temporary);
    expect(first.operator.mustChangePassword).toBe(true);
    const wrong = await call(first.token, 'POST', ADMIN_PATHS.myPassword, {
      currentPassword: 'not it',
      newPassword: 'riley-own-password',
    });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong.body).code).toBe('WRONG_PASSWORD');
    const short = await call(first.token, 'POST', ADMIN_PATHS.myPassword, {
      currentPassword: temporary,
      newPassword: 'short',
    });
    expect(errorOf(short.body).message).toMatch(/^newPassword: is shorter than 10/);
    const changed = await call(first.token, 'POST', ADMIN_PATHS.myPassword, {
      currentPassword: temporary,
      newPassword: 'riley-own-password',
    });
    expect(changed.status).toBe(200);

    const again = await login(server.url, 'riley', 'riley-own-password');
    expect(again.operator.mustChangePassword).toBeUndefined();
    const old = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'riley', password: temporary }),
    });
    expect(old.status).toBe(401);

    const audit = await call(token, 'GET', `${ADMIN_PATHS.audit}?limit=20`);
    const actions = (audit.body.entries as Array<{ action: string; targetId: string; actorName: string }>)
      .filter((entry) => entry.targetId === account.id)
      .map((entry) => `${entry.actorName}: ${entry.action}`);
    expect(actions).toEqual(['Riley Reader: account.password-changed', 'Dana: account.created']);
    expect(JSON.stringify(audit.body)).not.toContain(temporary);
  });

  it('an operator or a supervisor calling an admin API is refused, and so is nobody', async () => {
    for (const username of ['alice', 'sam']) {
      const { token } = await login(server.url, username);
      const listed = await call(token, 'GET', ADMIN_PATHS.accounts);
      expect(listed.status).toBe(403);
      expect(errorOf(listed.body)).toEqual({ code: 'FORBIDDEN', message: 'Only an admin can do that.' });
      const made = await call(token, 'POST', ADMIN_PATHS.accounts, {
        username: `by-${username}`,
        displayName: 'Sneaky',
        role: 'admin',
      });
      expect(made.status).toBe(403);
    }
    expect((await call(undefined, 'GET', ADMIN_PATHS.accounts)).status).toBe(401);
    const accounts = await server.storage.db.selectFrom('accounts').select('username').execute();
    expect(accounts.map((row) => row.username)).not.toContain('by-alice');
  });

  it('refuses malformed bodies naming the field, a taken username and an unknown department', async () => {
    const token = await adminToken();
    const bad = await call(token, 'POST', ADMIN_PATHS.accounts, { username: 'x', displayName: 'X', role: 'operator' });
    expect(errorOf(bad.body).message).toMatch(/^username: is 2 to 40/);
    const role = await call(token, 'POST', ADMIN_PATHS.accounts, { username: 'xy', displayName: 'X', role: 'boss' });
    expect(errorOf(role.body).message).toMatch(/^role:/);
    const extra = await call(token, 'POST', ADMIN_PATHS.accounts, {
      username: 'xy',
      displayName: 'X',
      role: 'operator',
      isAdmin: true,
    });
    expect(extra.status).toBe(400);
    const taken = await call(token, 'POST', ADMIN_PATHS.accounts, {
      username: 'alice',
      displayName: 'Alice Two',
      role: 'operator',
    });
    expect(taken.status).toBe(409);
    expect(errorOf(taken.body).code).toBe('USERNAME_TAKEN');
    const nowhere = await call(token, 'POST', ADMIN_PATHS.accounts, {
      username: 'xy',
      displayName: 'X',
      role: 'operator',
      departmentIds: ['no-such-desk'],
    });
    expect(errorOf(nowhere.body).message).toBe('departmentIds: there is no department with the id "no-such-desk".');
    const empty = await call(token, 'PATCH', ADMIN_PATHS.account('whoever'), {});
    expect(empty.status).toBe(400);
    const missing = await call(token, 'PATCH', ADMIN_PATHS.account('no-such-id'), { displayName: 'Y' });
    expect(missing.status).toBe(404);
  });

  it('the last active admin can be neither demoted nor deactivated; with a second admin they can', async () => {
    const token = await adminToken();
    const accounts = (await call(token, 'GET', ADMIN_PATHS.accounts)).body.accounts as StaffAccount[];
    const dana = accounts.find((account) => account.username === 'dana');
    if (!dana) throw new Error('no dana');
    const demote = await call(token, 'PATCH', ADMIN_PATHS.account(dana.id), { role: 'supervisor' });
    expect(demote.status).toBe(409);
    expect(errorOf(demote.body).code).toBe('LAST_ADMIN');
    const off = await call(token, 'POST', ADMIN_PATHS.deactivate(dana.id));
    expect(errorOf(off.body).code).toBe('LAST_ADMIN');
    const stillAdmin = await server.storage.db
      .selectFrom('accounts')
      .select(['role', 'active'])
      .where('id', '=', dana.id)
      .executeTakeFirstOrThrow();
    expect(stillAdmin).toEqual({ role: 'admin', active: 1 });

    const second = await call(token, 'POST', ADMIN_PATHS.accounts, {
      username: 'morgan',
      displayName: 'Morgan',
      role: 'admin',
    });
    const morgan = second.body.account as StaffAccount;
    expect((await call(token, 'PATCH', ADMIN_PATHS.account(dana.id), { role: 'supervisor' })).status).toBe(200);
    // Back as it was, by the other admin (Dana is a supervisor now and may not).
    const morganToken = (await login(server.url, 'morgan', second.body.temporaryPassword as string)).token;
    expect((await call(morganToken, 'PATCH', ADMIN_PATHS.account(dana.id), { role: 'admin' })).status).toBe(403);
    await call(morganToken, 'POST', ADMIN_PATHS.myPassword, {
      currentPassword: second.body.temporaryPassword,
      newPassword: 'morgan-password-1',
    });
    expect((await call(morganToken, 'PATCH', ADMIN_PATHS.account(dana.id), { role: 'admin' })).status).toBe(200);
    expect((await call(token, 'POST', ADMIN_PATHS.deactivate(morgan.id))).status).toBe(200);
  });

  it('deactivating an operator ends their sessions and consoles at once and hands their chats back to the queue', async () => {
    const token = await adminToken();
    const created = await call(token, 'POST', ADMIN_PATHS.accounts, {
      username: 'casey',
      displayName: 'Casey',
      role: 'operator',
      departmentIds: ['general-reference'],
    });
    const casey = created.body.account as StaffAccount;
    const caseyLogin = await login(server.url, 'casey', created.body.temporaryPassword as string);
    await call(caseyLogin.token, 'POST', ADMIN_PATHS.myPassword, {
      currentPassword: created.body.temporaryPassword,
      newPassword: 'deskbell-demo',
    });
    const operator = await onlineOperator(server.url, 'casey');
    const chat = await claimedChat(server.url, operator, 'Where are the atlases?');
    const watcher = await onlineOperator(server.url, 'bob');
    const popped = nextEvent(watcher.socket, 'chat:new');
    const closed = new Promise<string>((resolve) => operator.socket.once('disconnect', resolve));

    const off = await call(token, 'POST', ADMIN_PATHS.deactivate(casey.id));
    expect(off.status).toBe(200);
    expect((off.body.account as StaffAccount).active).toBe(false);
    expect(await closed).toBe('io server disconnect');
    const back = await popped;
    expect(back).toMatchObject({ id: chat.chatId, status: 'waiting', returnedBy: { name: 'Casey' } });

    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${operator.token}` } });
    expect(me.status).toBe(401);
    const relogin = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'casey', password: 'deskbell-demo' }),
    });
    expect(relogin.status).toBe(401);
    await expect(connectOperator(server.url, { token: operator.token })).rejects.toThrow();

    // History keeps the name; the Operators list does not show them any more.
    const row = await server.storage.db
      .selectFrom('messages')
      .select('body')
      .where('chat_id', '=', chat.chatId)
      .execute();
    expect(row.map((message) => message.body).join('\n')).toContain('Casey had to leave');
    const listed = (await call(token, 'GET', ADMIN_PATHS.accounts)).body.accounts as StaffAccount[];
    expect(listed.find((account) => account.id === casey.id)).toMatchObject({ active: false, status: 'offline' });

    const again = await call(token, 'POST', ADMIN_PATHS.reactivate(casey.id));
    expect((again.body.account as StaffAccount).active).toBe(true);
    const back2 = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'casey', password: 'deskbell-demo' }),
    });
    expect(back2.status).toBe(200);
  });

  it('a password reset ends the person’s sessions and gives a new temporary password; everyone may rename themselves', async () => {
    const token = await adminToken();
    const { token: aliceToken, operator } = await login(server.url, 'alice');
    const reset = await call(token, 'POST', ADMIN_PATHS.resetPassword(operator.id));
    expect(reset.status).toBe(200);
    expect((reset.body.account as StaffAccount).mustChangePassword).toBe(true);
    expect((await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${aliceToken}` } })).status).toBe(
      401,
    );
    const fresh = await login(server.url, 'alice', reset.body.temporaryPassword as string);
    await call(fresh.token, 'POST', ADMIN_PATHS.myPassword, {
      currentPassword: reset.body.temporaryPassword,
      newPassword: 'deskbell-demo',
    });
    const renamed = await call(fresh.token, 'POST', ADMIN_PATHS.myProfile, { displayName: '  Alice A.  ' });
    expect(renamed.body.operator).toMatchObject({ displayName: 'Alice A.' });
    const blank = await call(fresh.token, 'POST', ADMIN_PATHS.myProfile, { displayName: '   ' });
    expect(errorOf(blank.body).message).toBe('displayName: is empty');
    await call(fresh.token, 'POST', ADMIN_PATHS.myProfile, { displayName: 'Alice' });
  });
});
