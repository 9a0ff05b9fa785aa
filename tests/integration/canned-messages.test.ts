import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, signIn } from '../support/clients';
import { codeOf } from '../support/team-flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await addAccount(server, {
    username: 'ada',
    displayName: 'Ada Admin',
    role: 'admin',
    departmentIds: ['general-reference'],
  });
  await addAccount(server, {
    username: 'rita',
    displayName: 'Rita',
    role: 'operator',
    departmentIds: ['research-help'],
  });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

describe('canned messages', () => {
  it('an operator keeps personal ones that only they see and change', async () => {
    const alice = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    const { canned } = dataOf(
      await ask(alice.socket, 'canned:save', {
        scope: { kind: 'personal' },
        shortcut: 'hours',
        body: 'We are open 9 to 5.',
      }),
    );
    expect(canned).toMatchObject({ scope: 'personal', ownerId: alice.me.id, shortcut: 'hours' });
    expect(dataOf(await ask(alice.socket, 'canned:list', {})).canned.map((c) => c.id)).toContain(canned.id);
    expect(dataOf(await ask(bob.socket, 'canned:list', {})).canned.map((c) => c.id)).not.toContain(canned.id);

    const edit = { id: canned.id, scope: { kind: 'personal' as const }, shortcut: 'hours', body: 'Open 9 to 6.' };
    expect(codeOf(await ask(bob.socket, 'canned:save', edit))).toBe('FORBIDDEN');
    expect(codeOf(await ask(bob.socket, 'canned:delete', { id: canned.id }))).toBe('FORBIDDEN');
    expect(dataOf(await ask(alice.socket, 'canned:save', edit)).canned.body).toBe('Open 9 to 6.');
    dataOf(await ask(alice.socket, 'canned:delete', { id: canned.id }));
    expect(dataOf(await ask(alice.socket, 'canned:list', {})).canned.map((c) => c.id)).not.toContain(canned.id);
  });

  it("admins manage a department's shared ones; operators of that department use them but cannot change them", async () => {
    const ada = await signIn(server.url, 'ada');
    const alice = await signIn(server.url, 'alice');
    const rita = await signIn(server.url, 'rita');
    const shared = {
      scope: { kind: 'department' as const, departmentId: 'general-reference' },
      shortcut: 'ill',
      body: 'You can request it through Interlibrary Loan.',
    };
    expect(codeOf(await ask(alice.socket, 'canned:save', shared))).toBe('FORBIDDEN');
    const { canned } = dataOf(await ask(ada.socket, 'canned:save', shared));
    expect(canned).toMatchObject({ scope: 'department', departmentId: 'general-reference', ownerId: null });

    expect(dataOf(await ask(alice.socket, 'canned:list', {})).canned.map((c) => c.id)).toContain(canned.id);
    // Rita monitors only Research Help.
    expect(dataOf(await ask(rita.socket, 'canned:list', {})).canned.map((c) => c.id)).not.toContain(canned.id);
    expect(codeOf(await ask(alice.socket, 'canned:delete', { id: canned.id }))).toBe('FORBIDDEN');
    dataOf(await ask(ada.socket, 'canned:delete', { id: canned.id }));
  });

  it('a shortcut that cannot be typed after / is refused with the field named', async () => {
    const alice = await signIn(server.url, 'alice');
    const ack = await ask(alice.socket, 'canned:save', {
      scope: { kind: 'personal' },
      shortcut: 'two words',
      body: 'x',
    });
    expect(ack.ok === false && ack.error).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('shortcut'),
    });
  });
});

describe('canned shortcuts', () => {
  it('a shortcut is used once per list: yours, or a department’s shared ones; the same one may be in both', async () => {
    const bob = await signIn(server.url, 'bob');
    const ada = await signIn(server.url, 'ada');
    const mine = { scope: { kind: 'personal' as const }, shortcut: 'wifi', body: 'The network is Library-Guest.' };
    const first = dataOf(await ask(bob.socket, 'canned:save', mine)).canned;
    const again = await ask(bob.socket, 'canned:save', { ...mine, shortcut: 'WiFi', body: 'Another answer.' });
    expect(codeOf(again)).toBe('SHORTCUT_TAKEN');
    expect(again.ok === false && again.error.message).toBe(
      '/wifi is already one of your canned messages; pick another shortcut.',
    );
    // Changing the message itself keeps its own shortcut.
    dataOf(await ask(bob.socket, 'canned:save', { ...mine, id: first.id, body: 'Network: Library-Guest.' }));

    const shared = { scope: { kind: 'department' as const, departmentId: 'general-reference' }, shortcut: 'wifi' };
    dataOf(await ask(ada.socket, 'canned:save', { ...shared, body: 'Ask at the desk for the password.' }));
    expect(codeOf(await ask(ada.socket, 'canned:save', { ...shared, body: 'Twice.' }))).toBe('SHORTCUT_TAKEN');
  });
});
