import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lastSeqOf, mergeMessages } from '../../src/domain/message-order';
import type { Message } from '../../src/protocol/models';
import {
  ask,
  closeAllClients,
  connectOperator,
  connectPatron,
  dataOf,
  login,
  recordEvents,
  settle,
} from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

describe('nothing is lost on a reconnect', () => {
  it("an operator's connection drops mid-chat and on reconnect has every message once, in order", async () => {
    const session = await login(server.url, 'alice');
    const first = await connectOperator(server.url, { token: session.token });
    const { patron, chatId } = await patronAsks(server.url);
    const claimed = dataOf(await ask(first, 'chat:claim', { chatId }));
    let held: readonly Message[] = claimed.messages;
    dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'before the drop' }));
    await settle(first);
    // What the console held when the connection dropped.
    held = mergeMessages(held, dataOf(await ask(first, 'chat:preview', { chatId })).messages);
    first.disconnect();

    for (const body of ['while away 1', 'while away 2', 'while away 3']) {
      dataOf(await ask(patron, 'chat:send', { id: messageId(), body }));
    }

    const second = await connectOperator(server.url, { token: session.token });
    const live = recordEvents(second, 'chat:message');
    const sync = dataOf(await ask(second, 'console:sync', { lastSeqByChat: { [chatId]: lastSeqOf(held) } }));
    expect(sync.missed.map((message) => message.body)).toEqual(['while away 1', 'while away 2', 'while away 3']);
    held = mergeMessages(held, sync.missed);

    // The reconnected socket follows the chat again: new messages arrive live.
    dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'after the reconnect' }));
    await settle(second);
    held = mergeMessages(held, live);
    expect(held.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(held.map((message) => message.body)).toEqual([
      'Alice has joined the chat.',
      'before the drop',
      'while away 1',
      'while away 2',
      'while away 3',
      'after the reconnect',
    ]);
  });

  it('a console that lost everything gets the whole of its own active chats back', async () => {
    const session = await login(server.url, 'bob');
    const before = await connectOperator(server.url, { token: session.token });
    const { patron, chatId } = await patronAsks(server.url);
    dataOf(await ask(before, 'chat:claim', { chatId }));
    dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'hello?' }));
    before.disconnect();

    const after = await connectOperator(server.url, { token: session.token });
    const sync = dataOf(await ask(after, 'console:sync', {}));
    expect(sync.chats.find((chat) => chat.id === chatId)?.ownerName).toBe('Bob');
    expect(sync.missed.filter((message) => message.chatId === chatId).map((message) => message.seq)).toEqual([1, 2]);
  });

  it("a patron's refresh resumes the same chat with the messages they had not seen", async () => {
    const session = await login(server.url, 'sam');
    const sam = await connectOperator(server.url, { token: session.token });
    const { patron, chatId, resumeToken } = await patronAsks(server.url, { name: 'Robin' });
    dataOf(await ask(sam, 'chat:claim', { chatId }));
    dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'my question is about maps' }));
    patron.disconnect(); // the page reloads

    dataOf(await ask(sam, 'chat:send', { chatId, id: messageId(), body: 'We have a map room on floor 2.' }));

    const reloaded = await connectPatron(server.url);
    const resumed = dataOf(await ask(reloaded, 'chat:resume', { resumeToken, lastSeq: 2 }));
    expect(resumed.chat).toMatchObject({ id: chatId, status: 'active', operatorName: 'Sam' });
    expect(resumed.messages.map((message) => message.body)).toEqual(['We have a map room on floor 2.']);

    // The resumed widget writes in the same chat and hears the operator live.
    const heard = recordEvents(reloaded, 'chat:message');
    dataOf(await ask(reloaded, 'chat:send', { id: messageId(), body: 'Thanks!' }));
    dataOf(await ask(sam, 'chat:send', { chatId, id: messageId(), body: 'You are welcome.' }));
    await settle(reloaded);
    expect(heard.map((message) => message.body)).toEqual(['Thanks!', 'You are welcome.']);
    const transcript = dataOf(await ask(sam, 'chat:transcript', { chatId }));
    expect(transcript.messages.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a made-up resume token opens no chat', async () => {
    const patron = await connectPatron(server.url);
    const ack = await ask(patron, 'chat:resume', { resumeToken: 'this-is-not-a-real-token-1234567890' });
    expect(ack.ok === false && ack.error.code).toBe('CHAT_NOT_FOUND');
    const send = await ask(patron, 'chat:send', { id: messageId(), body: 'hello' });
    expect(send.ok === false && send.error.code).toBe('NO_ACTIVE_CHAT');
  });
});
