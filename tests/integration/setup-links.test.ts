import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PATHS, SETUP_PATHS } from '../../src/protocol/admin';
import { escalationPath } from '../../src/protocol/escalation';
import { ask, closeAllClients, connectOperator, login, signIn } from '../support/clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { callApi, errorOf } from '../support/http-calls';

/**
 * A new colleague's first login by a one-time set-up link (issue 13), and the
 * refusals of the supervisor's desk: an operator or a supervisor calling what
 * only an admin may, an operator calling the Desk view's requests. Real
 * server, SQLite and PostgreSQL.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
  callApi(server.url, token, method, path, body);

describe('set-up links', () => {
  it('the link greets the person, sets their password once, logs them in; used or replaced, it works no more', async () => {
    const dana = (await login(server.url, 'dana')).token;
    const created = await call(dana, 'POST', ADMIN_PATHS.accounts, {
      username: 'quinn',
      displayName: 'Quinn Archive',
      role: 'operator',
      departmentIds: ['general-reference'],
    });
    expect(created.status).toBe(201);
    const setupToken = created.body.setupToken as string;
    expect(setupToken.length).toBeGreaterThanOrEqual(32);
    // Only its hash is stored.
    const stored = await server.storage.db.selectFrom('account_setup_links').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(setupToken);

    expect(await call(undefined, 'POST', SETUP_PATHS.check, { token: setupToken })).toMatchObject({
      status: 200,
      body: { username: 'quinn', displayName: 'Quinn Archive' },
    });
    const short = await call(undefined, 'POST', SETUP_PATHS.redeem, { token: setupToken, password: 'short' });
    expect(short.status).toBe(400);
    expect(errorOf(short.body).message).toBe('password: is shorter than 10 characters');
    const redeemed = await call(undefined, 'POST', SETUP_PATHS.redeem, {
      token: setupToken,
      password: 'quinn-keeps-records',
    });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.operator).toMatchObject({ username: 'quinn' });
    // Their own password now: nothing left to change.
    expect(redeemed.body.operator).not.toHaveProperty('mustChangePassword');
    // Logged in: the socket opens with the session the link started.
    const socket = await connectOperator(server.url, { token: redeemed.body.token as string });
    expect((await ask(socket, 'console:sync', {})).ok).toBe(true);
    // Used: once only; and the temporary password from the same creation no longer works either.
    const again = await call(undefined, 'POST', SETUP_PATHS.redeem, {
      token: setupToken,
      password: 'another-password',
    });
    expect(again.status).toBe(404);
    expect(errorOf(again.body).message).toBe(
      'This set-up link has been used or has expired. Ask your admin for a new one.',
    );
    expect((await login(server.url, 'quinn', 'quinn-keeps-records')).operator.username).toBe('quinn');

    // A reset gives a new link; an older one is replaced.
    const id = (created.body.account as { id: string }).id;
    const first = (await call(dana, 'POST', ADMIN_PATHS.resetPassword(id))).body.setupToken as string;
    const second = (await call(dana, 'POST', ADMIN_PATHS.resetPassword(id))).body.setupToken as string;
    expect((await call(undefined, 'POST', SETUP_PATHS.check, { token: first })).status).toBe(404);
    expect((await call(undefined, 'POST', SETUP_PATHS.check, { token: second })).status).toBe(200);
    // Deactivated: the link dies with the account.
    expect((await call(dana, 'POST', ADMIN_PATHS.deactivate(id))).status).toBe(200);
    expect((await call(undefined, 'POST', SETUP_PATHS.check, { token: second })).status).toBe(404);
    const malformed = await call(undefined, 'POST', SETUP_PATHS.redeem, { token: 'x', password: 'long-enough-pass' });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body).message).toMatch(/^token: /);
  });
});

describe('who may run the desk', () => {
  it('an operator or a supervisor may not change a ladder; an operator may not read it', async () => {
    const alice = (await login(server.url, 'alice')).token;
    const sam = (await login(server.url, 'sam')).token;
    const ladder = { t1Seconds: 60, t2Seconds: 120, t3Seconds: 180, backupDepartmentId: null };
    for (const token of [alice, sam]) {
      const refused = await call(token, 'PUT', escalationPath('general-reference'), { ladder });
      expect(refused.status).toBe(403);
      expect(errorOf(refused.body).code).toBe('FORBIDDEN');
    }
    expect((await call(alice, 'GET', escalationPath('general-reference'))).status).toBe(403);
    expect((await call(sam, 'GET', escalationPath('general-reference'))).status).toBe(200);
    const dana = (await login(server.url, 'dana')).token;
    const self = await call(dana, 'PUT', escalationPath('general-reference'), {
      ladder: { ...ladder, backupDepartmentId: 'general-reference' },
    });
    expect(errorOf(self.body).message).toBe('ladder.backupDepartmentId: is this department itself');
    const unknown = await call(dana, 'PUT', escalationPath('nowhere'), { ladder });
    expect(unknown.status).toBe(404);
    const extra = await call(dana, 'PUT', escalationPath('general-reference'), { ladder: { ...ladder, t4Seconds: 1 } });
    expect(extra.status).toBe(400);
  });

  it('an operator may not open the Desk view, watch, whisper or set a colleague’s status', async () => {
    const alice = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    for (const [event, payload] of [
      ['desk:overview', {}],
      ['operators:set-status', { operatorId: bob.me.id, status: 'away' }],
    ] as const) {
      const refused = await ask(alice.socket, event, payload as never);
      expect(refused.ok ? 'allowed' : refused.error.code).toBe('FORBIDDEN');
    }
    const bad = await ask(alice.socket, 'chat:whisper', { chatId: 'x', body: '' } as never);
    expect(bad.ok ? 'allowed' : bad.error.code).toBe('BAD_REQUEST');
    const noChat = await ask(alice.socket, 'chat:watch', { chatId: 'no-such-chat' });
    expect(noChat.ok ? 'allowed' : noChat.error.code).toBe('CHAT_NOT_FOUND');
  });
});
