import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, recordEvents, settle, signIn } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { onlineOperator } from '../support/team-flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

/**
 * Where the handlers, the lists and room upkeep used to say the access rule
 * each their own way, they now ask the one rule; these are the cases where
 * the old wordings disagreed.
 */
describe('one access rule at every door', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await addAccount(server, {
      username: 'gail',
      displayName: 'Gail',
      role: 'operator',
      departmentIds: ['general-reference'],
    });
    await addAccount(server, {
      username: 'rita',
      displayName: 'Rita',
      role: 'operator',
      departmentIds: ['research-help'],
    });
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });
  afterEach(() => closeAllClients());

  it('a librarian who took a colleague’s chat from a department she does not monitor ends it and saves its analytics', async () => {
    const rita = await onlineOperator(server.url, 'rita');
    const gail = await onlineOperator(server.url, 'gail');
    const { chatId } = await patronAsks(server.url, { departmentId: 'research-help' });
    dataOf(await ask(rita.socket, 'chat:claim', { chatId }));
    dataOf(await ask(rita.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: gail.me.id } }));
    dataOf(await ask(gail.socket, 'chat:accept-transfer', { chatId }));
    dataOf(await ask(gail.socket, 'chat:end', { chatId }));

    const { questionTypes, chats } = dataOf(await ask(gail.socket, 'console:sync', {}));
    // Her console lists it as waiting for its analytics entry ...
    expect(chats.map((chat) => chat.id)).toContain(chatId);
    const [questionType] = questionTypes;
    if (!questionType) throw new Error('the demo library has no question types');
    // ... and the server takes the entry (it used to refuse: NOT_IN_DEPARTMENT).
    const saved = dataOf(
      await ask(gail.socket, 'chat:save-analytics', { chatId, questionTypeId: questionType.id, timeSpentMinutes: 4 }),
    );
    expect(saved.entry).toMatchObject({ chatId, operatorId: gail.me.id });
    // Rita, in the chat's department but no longer answering it, may not.
    const refused = await ask(rita.socket, 'chat:save-analytics', {
      chatId,
      questionTypeId: questionType.id,
      timeSpentMinutes: 4,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_CHAT_OWNER' } });
  });

  it('a librarian who sent a chat to a queue she does not monitor keeps it listed and followed until someone claims it', async () => {
    const gail = await onlineOperator(server.url, 'gail');
    const started = await patronAsks(server.url, { departmentId: 'general-reference' });
    const { chatId } = started;
    dataOf(await ask(gail.socket, 'chat:claim', { chatId }));
    dataOf(await ask(gail.socket, 'chat:transfer', { chatId, to: { kind: 'department', id: 'research-help' } }));

    // She may take it back, so she still hears the patron ...
    const heard = recordEvents(gail.socket, 'chat:message');
    dataOf(await ask(started.patron, 'chat:send', { id: messageId(), body: 'Is anyone there?' }));
    await settle(gail.socket);
    await settle(started.patron);
    await expect.poll(() => heard.map((message) => message.body)).toContain('Is anyone there?');

    // ... and a reloaded console lists it as the live one did (the list used to leave it out).
    const reloaded = await signIn(server.url, 'gail');
    const { chats } = dataOf(await ask(reloaded.socket, 'console:sync', {}));
    expect(chats.find((chat) => chat.id === chatId)).toMatchObject({
      status: 'waiting',
      departmentId: 'research-help',
    });
    dataOf(await ask(reloaded.socket, 'chat:claim', { chatId }));
  });
});
