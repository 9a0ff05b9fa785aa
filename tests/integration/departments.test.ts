import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, nextEvent, settle, signIn, recordEvents } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // Carol answers Research Help only.
  await addAccount(server, {
    username: 'carol',
    displayName: 'Carol',
    role: 'operator',
    departmentIds: ['research-help'],
  });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

describe('departments an operator monitors', () => {
  it('a new chat pops up only for operators monitoring its department, and for supervisors', async () => {
    const carol = await signIn(server.url, 'carol');
    const sam = await signIn(server.url, 'sam');
    const carolHeard = recordEvents(carol.socket, 'chat:new');
    const samHears = nextEvent(sam.socket, 'chat:new');
    const { chatId } = await patronAsks(server.url, { departmentId: 'general-reference' });
    expect((await samHears).id).toBe(chatId);
    await settle(carol.socket);
    expect(carolHeard).toEqual([]);

    const carolHears = nextEvent(carol.socket, 'chat:new');
    const research = await patronAsks(server.url, { departmentId: 'research-help', question: 'How do I cite a map?' });
    expect((await carolHears).id).toBe(research.chatId);
  });

  it('an operator cannot preview, claim, read or sync a chat from a department they do not monitor', async () => {
    const carol = await signIn(server.url, 'carol');
    const { patron, chatId } = await patronAsks(server.url, { departmentId: 'general-reference' });
    dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'private question' }));
    for (const event of ['chat:preview', 'chat:claim', 'chat:transcript'] as const) {
      const ack = await ask(carol.socket, event, { chatId });
      expect(ack.ok === false && ack.error.code).toBe('NOT_IN_DEPARTMENT');
    }
    const sync = dataOf(await ask(carol.socket, 'console:sync', { lastSeqByChat: { [chatId]: 0, 'no-such-chat': 0 } }));
    expect(sync.departments.map((department) => department.id)).toEqual(['research-help']);
    expect(sync.chats.some((chat) => chat.id === chatId)).toBe(false);
    expect(sync.missed.some((message) => message.chatId === chatId)).toBe(false);
    expect(
      dataOf(await ask(carol.socket, 'chats:ended', {})).chats.every((chat) => chat.departmentId === 'research-help'),
    ).toBe(true);
  });

  it('supervisors see every department and can read any transcript', async () => {
    const sam = await signIn(server.url, 'sam');
    const { chatId } = await patronAsks(server.url, { departmentId: 'research-help' });
    const sync = dataOf(await ask(sam.socket, 'console:sync', {}));
    expect(sync.me.role).toBe('supervisor');
    expect(sync.chats.some((chat) => chat.id === chatId)).toBe(true);
    expect(dataOf(await ask(sam.socket, 'chat:transcript', { chatId })).chat.id).toBe(chatId);
  });

  it('a chat asked in a department that does not exist is refused and nothing is stored', async () => {
    const before = await server.snapshot();
    const attempt = patronAsks(server.url, { departmentId: 'rare-books' });
    await expect(attempt).rejects.toThrow(/DEPARTMENT_NOT_FOUND/);
    expect(await server.snapshot()).toEqual(before);
  });
});
