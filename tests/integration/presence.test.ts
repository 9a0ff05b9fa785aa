import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  closeAllClients,
  connectOperator,
  connectPatron,
  dataOf,
  login,
  nextEvent,
  signIn,
} from '../support/clients';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

async function departmentIsOnline(departmentId: string): Promise<boolean> {
  const patron = await connectPatron(server.url);
  const config = dataOf(await ask(patron, 'widget:config', { departmentId }));
  patron.disconnect();
  return config.online;
}

describe('status and department availability', () => {
  it('the widget says nobody is available until an operator monitoring the department is Online', async () => {
    const alice = await signIn(server.url, 'alice');
    expect(await departmentIsOnline('general-reference')).toBe(false);

    expect(dataOf(await ask(alice.socket, 'status:set', { status: 'online' }))).toEqual({ status: 'online' });
    expect(await departmentIsOnline('general-reference')).toBe(true);
    expect(await departmentIsOnline('research-help')).toBe(true);

    // Internal and Away take no patron chats.
    dataOf(await ask(alice.socket, 'status:set', { status: 'internal' }));
    expect(await departmentIsOnline('general-reference')).toBe(false);
    dataOf(await ask(alice.socket, 'status:set', { status: 'online' }));
    dataOf(await ask(alice.socket, 'status:set', { status: 'away' }));
    expect(await departmentIsOnline('general-reference')).toBe(false);
  });

  it('a department stops being available when its last Online operator disconnects', async () => {
    const bob = await signIn(server.url, 'bob');
    dataOf(await ask(bob.socket, 'status:set', { status: 'online' }));
    expect(await departmentIsOnline('research-help')).toBe(true);
    const gone = new Promise((resolve) => bob.socket.once('disconnect', resolve));
    bob.socket.disconnect();
    await gone;
    await expect.poll(() => departmentIsOnline('research-help')).toBe(false);
    // Leave Bob Offline for the other tests.
    const again = await signIn(server.url, 'bob');
    dataOf(await ask(again.socket, 'status:set', { status: 'offline' }));
  });

  it("a status chosen in one window shows in the operator's other windows and survives a reconnect", async () => {
    const session = await login(server.url, 'sam');
    const browser = await connectOperator(server.url, { cookie: session.cookie });
    const desktop = await connectOperator(server.url, { token: session.token });
    const heard = nextEvent(desktop, 'status:changed');
    dataOf(await ask(browser, 'status:set', { status: 'away' }));
    expect(await heard).toEqual({ status: 'away' });

    dataOf(await ask(browser, 'status:set', { status: 'online' }));
    desktop.disconnect();
    browser.disconnect();
    const reconnected = await connectOperator(server.url, { token: session.token });
    expect(dataOf(await ask(reconnected, 'console:sync', {})).status).toBe('online');
    expect(await departmentIsOnline('general-reference')).toBe(true);
    dataOf(await ask(reconnected, 'status:set', { status: 'offline' }));
    expect(await departmentIsOnline('general-reference')).toBe(false);
  });

  it('a status that is not one of Online, Internal, Away, Offline is refused and changes nothing', async () => {
    const alice = await signIn(server.url, 'alice');
    dataOf(await ask(alice.socket, 'status:set', { status: 'offline' }));
    const refused = await ask(alice.socket, 'status:set', { status: 'busy' as 'online' });
    expect(refused.ok === false && refused.error).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('status'),
    });
    expect(dataOf(await ask(alice.socket, 'console:sync', {})).status).toBe('offline');
  });

  it('the widget is told clearly when its department does not exist', async () => {
    const patron = await connectPatron(server.url);
    const ack = await ask(patron, 'widget:config', { departmentId: 'rare-books' });
    expect(ack.ok === false && ack.error).toEqual({
      code: 'DEPARTMENT_NOT_FOUND',
      message: expect.stringContaining('rare-books'),
    });
  });

  it('the widget config lists the extra pre-chat fields the library configured', async () => {
    const patron = await connectPatron(server.url);
    const config = dataOf(await ask(patron, 'widget:config', { departmentId: 'general-reference' }));
    expect(config.department).toEqual({ id: 'general-reference', name: 'General Reference' });
    expect(config.patronFields).toEqual([{ key: 'library_card', label: 'Library card number', required: false }]);
  });
});
