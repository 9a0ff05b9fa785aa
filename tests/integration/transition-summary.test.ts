import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSummary } from '../../src/protocol/models';
import { createRepositories } from '../../server/repositories';
import { ask, closeAllClients, dataOf, nextEvent } from '../support/clients';
import { patronAsks } from '../support/flows';
import { claimedChat, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Every change of a chat answers with the chat as it now is. The server builds
 * that answer from what it wrote instead of reading the chat again, so this
 * proves the built one equals a fresh read of the database, change by change.
 */
describe('the chat a change answers with is the chat as stored', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ timings: { transferTimeoutMs: 300, upkeepIntervalMs: 50 } });
  });
  afterAll(async () => {
    closeAllClients();
    await server.close();
  });

  const stored = async (chatId: string): Promise<ChatSummary | undefined> =>
    createRepositories(server.storage.db).chats.find(chatId);

  it('a new chat: its alert and its answer are built without a read, and equal the chat as stored', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const alert = nextEvent(alice.socket, 'chat:new');
    const { chatId } = await patronAsks(server.url, {
      name: 'Ruth Ames',
      email: 'ruth@example.org',
      pageUrl: 'https://library.example.org/hours',
      referrer: 'https://www.example.org/',
      extraFields: { library_card: ' 2190 0042 ' },
    });
    const announced = await alert;
    expect(announced.id).toBe(chatId);
    expect(announced.patron.extraFields).toEqual({ library_card: '2190 0042' });
    expect(announced).toEqual(await stored(chatId));
  });

  it('through claim, transfers declined, accepted and timed out, a department transfer, leave and end', async () => {
    const alice = await onlineOperator(server.url, 'alice');
    const bob = await onlineOperator(server.url, 'bob');
    const { chatId } = await claimedChat(server.url, alice, 'Can I see the parish records?');
    const answers: ChatSummary[] = [];
    const check = async (answer: ChatSummary) => {
      answers.push(answer);
      expect(answer).toEqual(await stored(chatId));
    };

    const toBob = { chatId, to: { kind: 'operator' as const, id: bob.me.id }, briefing: 'Parish records' };
    await check(dataOf(await ask(alice.socket, 'chat:transfer', toBob)).chat);
    await check(dataOf(await ask(bob.socket, 'chat:decline-transfer', { chatId })).chat);
    await check(dataOf(await ask(alice.socket, 'chat:transfer', toBob)).chat);
    await check(dataOf(await ask(bob.socket, 'chat:accept-transfer', { chatId })).chat);
    await check(dataOf(await ask(alice.socket, 'chat:leave', { chatId })).chat);

    const toResearch = { chatId, to: { kind: 'department' as const, id: 'research-help' } };
    await check(dataOf(await ask(bob.socket, 'chat:transfer', toResearch)).chat);
    await check(dataOf(await ask(alice.socket, 'chat:claim', { chatId })).chat);

    // A department transfer nobody takes goes back to its sender's department when it times out.
    const returned = nextEvent(alice.socket, 'chat:transfer-returned');
    const toGeneral = { chatId, to: { kind: 'department' as const, id: 'general-reference' } };
    await check(dataOf(await ask(alice.socket, 'chat:transfer', toGeneral)).chat);
    await check((await returned).chat);

    await check(dataOf(await ask(alice.socket, 'chat:end', { chatId })).chat);
    expect(answers.map((chat) => [chat.status, chat.departmentId, chat.ownerName])).toEqual([
      ['active', 'general-reference', 'Alice'],
      ['active', 'general-reference', 'Alice'],
      ['active', 'general-reference', 'Alice'],
      ['active', 'general-reference', 'Bob'],
      ['active', 'general-reference', 'Bob'],
      ['waiting', 'research-help', null],
      ['active', 'research-help', 'Alice'],
      ['waiting', 'general-reference', null],
      ['active', 'research-help', 'Alice'],
      ['ended', 'research-help', 'Alice'],
    ]);
  });
});
