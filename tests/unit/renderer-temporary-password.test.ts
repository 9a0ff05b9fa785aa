import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdminApi } from '../../renderer/api/admin-api';
import { ConsoleApiError } from '../../renderer/api/console-api';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, fakeApi, RecordingBridge, until } from './renderer-test-kit';

/**
 * A new account (or a reset) logs in with a temporary password: the console
 * shows only "Choose a new password" and stays off the socket until one of
 * their own is chosen; then the workspace appears and the console connects.
 */
let server: FakeDeskServer;
const stores: ConsoleStore[] = [];

beforeEach(async () => {
  server = await startFakeDeskServer();
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.close();
});

/** Alice's login answers with the flag set; her password change is accepted unless `refuse` is given. */
function consoleWithTemporaryPassword(refuse?: string) {
  const api = fakeApi();
  const logIn = api.logIn.bind(api);
  api.logIn = async (username, password) => {
    const result = await logIn(username, password);
    return { ...result, operator: { ...result.operator, mustChangePassword: true } };
  };
  const changes: Array<{ currentPassword: string; newPassword: string }> = [];
  const adminApi = {
    async changeMyPassword(request: { currentPassword: string; newPassword: string }) {
      if (refuse) throw new ConsoleApiError(400, refuse);
      changes.push(request);
    },
    async changeMyName(displayName: string) {
      return { id: 'op-alice', username: 'alice', displayName, role: 'operator' as const, departmentIds: [] };
    },
  } as unknown as AdminApi;
  const made = consoleFor(server, new RecordingBridge(), { api, adminApi });
  stores.push(made.store);
  return { ...made, changes };
}

describe('a first login with a temporary password', () => {
  it('waits off the socket until the librarian chooses a password, then connects', async () => {
    const { store, changes } = consoleWithTemporaryPassword();
    await store.getState().logIn('alice', 'deskbell-demo');
    expect(store.getState().phase).toBe('logged-in');
    expect(store.getState().operator?.mustChangePassword).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(store.getState().connection).not.toBe('connected');

    expect(await store.getState().changeMyPassword('deskbell-demo', 'my-own-long-password')).toBeNull();
    expect(changes).toEqual([{ currentPassword: 'deskbell-demo', newPassword: 'my-own-long-password' }]);
    expect(store.getState().operator?.mustChangePassword).toBe(false);
    await until(() => store.getState().connection === 'connected', 'connected after the new password');
  });

  it("a refused change keeps the librarian on the form, with the server's words", async () => {
    const { store } = consoleWithTemporaryPassword('The temporary password is not right.');
    await store.getState().logIn('alice', 'deskbell-demo');
    expect(await store.getState().changeMyPassword('wrong', 'my-own-long-password')).toBe(
      'The temporary password is not right.',
    );
    expect(store.getState().operator?.mustChangePassword).toBe(true);
  });

  it("a changed name shows at once as the librarian's own", async () => {
    const { store } = consoleWithTemporaryPassword();
    await store.getState().logIn('alice', 'deskbell-demo');
    expect(await store.getState().changeMyName('Alice Chen')).toBeNull();
    expect(store.getState().operator?.displayName).toBe('Alice Chen');
  });
});
