import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSummary } from '../../src/protocol/models';
import {
  ask,
  closeAllClients,
  dataOf,
  nextEvent,
  recordEvents,
  settle,
  signIn,
  type SignedInOperator,
} from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { rooms } from '../../server/sockets/rooms';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let alice: SignedInOperator;
let bob: SignedInOperator;
let sam: SignedInOperator;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function signInEveryone(): Promise<void> {
  [alice, bob, sam] = await Promise.all([
    signIn(server.url, 'alice'),
    signIn(server.url, 'bob'),
    signIn(server.url, 'sam'),
  ]);
}
afterEach(() => closeAllClients());

describe('a patron asks a question', () => {
  it("a patron's new chat pops up for every operator monitoring its department", async () => {
    await signInEveryone();
    const seen = [alice, bob, sam].map((operator) => nextEvent(operator.socket, 'chat:new'));
    const { chatId } = await patronAsks(server.url, { question: 'Do you have microfilm readers?' });
    const chats = await Promise.all(seen);
    for (const chat of chats) {
      expect(chat).toMatchObject({
        id: chatId,
        status: 'waiting',
        question: 'Do you have microfilm readers?',
        ownerId: null,
      });
      expect(chat.departmentName).toBe('General Reference');
    }
  });

  it('the patron info shows name, email, IP, page, referrer, browser, department and the configured extra fields', async () => {
    await signInEveryone();
    const seen = nextEvent(alice.socket, 'chat:new');
    await patronAsks(server.url, {
      name: 'Pat Reader',
      email: 'pat@example.org',
      pageUrl: 'https://library.example.org/hours',
      referrer: 'https://www.example.com/search?q=library',
      extraFields: { library_card: '2100 0012 3456', shoe_size: '42' },
    });
    const chat = await seen;
    expect(chat.patron).toEqual({
      name: 'Pat Reader',
      email: 'pat@example.org',
      ip: '127.0.0.1',
      pageUrl: 'https://library.example.org/hours',
      referrer: 'https://www.example.com/search?q=library',
      userAgent: expect.stringContaining('Firefox/128.0'),
      browser: 'Firefox 128 on Windows',
      // Only the field the library configured is kept.
      extraFields: { library_card: '2100 0012 3456' },
    });
    expect(chat.departmentId).toBe('general-reference');
  });

  it('the waiting chat is listed when an operator opens the console later', async () => {
    const { chatId } = await patronAsks(server.url, { question: 'Is the library open on Sunday?' });
    await signInEveryone();
    const sync = dataOf(await ask(bob.socket, 'console:sync', {}));
    expect(sync.chats.find((chat) => chat.id === chatId)?.status).toBe('waiting');
    expect(sync.questionTypes.map((type) => type.label)).toEqual([
      'Directional',
      'Reference',
      'Technical',
      'Policy',
      'Other',
    ]);
    expect(sync.patronFields).toEqual([{ key: 'library_card', label: 'Library card number', required: false }]);
    expect(sync.departments.map((department) => department.name)).toEqual(['General Reference', 'Research Help']);
  });

  it("clicking the patron's name previews the question and the messages so far", async () => {
    await signInEveryone();
    const { patron, chatId } = await patronAsks(server.url, { question: 'How do I renew a book?' });
    dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'It is due tomorrow.' }));
    const preview = dataOf(await ask(bob.socket, 'chat:preview', { chatId }));
    expect(preview.chat.question).toBe('How do I renew a book?');
    expect(preview.chat.status).toBe('waiting');
    expect(preview.messages.map((message) => [message.seq, message.authorKind, message.body])).toEqual([
      [1, 'patron', 'It is due tomorrow.'],
    ]);
  });
});

describe('Claim Chat', () => {
  it('when two operators click Claim Chat together exactly one wins and the other is told who took it', async () => {
    await signInEveryone();
    const { patron, chatId } = await patronAsks(server.url);
    const patronHearsClaim = nextEvent(patron, 'chat:status', (chat) => chat.status === 'active');
    const [byAlice, byBob] = await Promise.all([
      ask(alice.socket, 'chat:claim', { chatId }),
      ask(bob.socket, 'chat:claim', { chatId }),
    ]);
    const winners = [byAlice, byBob].filter((ack) => ack.ok);
    const losers = [byAlice, byBob].filter((ack) => !ack.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winnerName = byAlice.ok ? 'Alice' : 'Bob';
    const loser = losers[0];
    expect(loser?.ok === false && loser.error).toEqual({
      code: 'ALREADY_CLAIMED',
      message: `${winnerName} has already claimed this chat.`,
    });

    const stored = dataOf(await ask(sam.socket, 'chat:transcript', { chatId }));
    expect(stored.chat.ownerName).toBe(winnerName);
    // Exactly one "joined" line: the losing claim wrote nothing.
    expect(stored.messages.map((message) => message.body)).toEqual([`${winnerName} has joined the chat.`]);
    expect((await patronHearsClaim).operatorName).toBe(winnerName);
  });

  it('many operators racing for one chat still produce exactly one winner', async () => {
    await signInEveryone();
    const { chatId } = await patronAsks(server.url);
    const sockets = [alice.socket, bob.socket, sam.socket, alice.socket, bob.socket, sam.socket];
    const acks = await Promise.all(sockets.map((socket) => ask(socket, 'chat:claim', { chatId })));
    expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
    expect(acks.filter((ack) => !ack.ok).every((ack) => !ack.ok && ack.error.code === 'ALREADY_CLAIMED')).toBe(true);
  });

  it('every monitoring operator sees the chat move out of the new queue with who claimed it', async () => {
    await signInEveryone();
    const { chatId } = await patronAsks(server.url);
    const bobSees = nextEvent(bob.socket, 'chat:updated', (chat: ChatSummary) => chat.id === chatId);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    expect(await bobSees).toMatchObject({ id: chatId, status: 'active', ownerId: alice.me.id, ownerName: 'Alice' });
  });
});

describe('chatting', () => {
  it('messages flow both ways live, each with the next sequence number', async () => {
    await signInEveryone();
    const { patron, chatId } = await patronAsks(server.url, { name: 'Pat' });
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    await settle(patron); // the "Alice has joined the chat." line arrives before we start listening
    const patronHeard = recordEvents(patron, 'chat:message');
    const aliceHeard = recordEvents(alice.socket, 'chat:message');

    const first = dataOf(
      await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'Hello! How can I help?' }),
    );
    const second = dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'I need a book on bees.' }));
    const third = dataOf(
      await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'Try the 595.79 shelf.' }),
    );
    expect([first, second, third].map(({ message }) => message.seq)).toEqual([2, 3, 4]);
    expect(second.message).toMatchObject({ authorKind: 'patron', authorName: 'Pat', authorId: null });
    expect(first.message).toMatchObject({ authorKind: 'operator', authorName: 'Alice', authorId: alice.me.id });

    await settle(patron);
    await settle(alice.socket);
    const bodies = ['Hello! How can I help?', 'I need a book on bees.', 'Try the 595.79 shelf.'];
    expect(patronHeard.map((message) => message.body)).toEqual(bodies);
    expect(aliceHeard.map((message) => message.body)).toEqual(bodies);
  });

  it('a send retried with the same id is stored once, answered and announced as the stored message', async () => {
    await signInEveryone();
    const { patron, chatId } = await patronAsks(server.url);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    const id = messageId();
    const aliceHeard = recordEvents(alice.socket, 'chat:message');
    const [once, again] = await Promise.all([
      ask(patron, 'chat:send', { id, body: 'Are you there?' }),
      ask(patron, 'chat:send', { id, body: 'Are you there?' }),
    ]);
    const later = dataOf(await ask(patron, 'chat:send', { id, body: 'Are you there?' }));
    expect(dataOf(once).message).toEqual(dataOf(again).message);
    expect(later.message).toEqual(dataOf(once).message);

    const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
    expect(transcript.messages.filter((message) => message.id === id)).toHaveLength(1);
    expect(transcript.chat.lastSeq).toBe(2);
    await settle(alice.socket);
    // Each try is announced (a first try may have committed and lost its connection before announcing),
    // always as the one stored message: a console merging by sequence number shows it once.
    const heard = aliceHeard.filter((message) => message.id === id);
    expect(heard.length).toBeGreaterThanOrEqual(1);
    expect(new Set(heard.map((message) => JSON.stringify(message)))).toEqual(
      new Set([JSON.stringify(dataOf(once).message)]),
    );
  });

  it('only the operator who claimed the chat can reply in it', async () => {
    await signInEveryone();
    const { chatId } = await patronAsks(server.url);
    const beforeClaim = await ask(bob.socket, 'chat:send', { chatId, id: messageId(), body: 'Hi' });
    expect(beforeClaim.ok === false && beforeClaim.error.code).toBe('CHAT_NOT_ACTIVE');
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    const notMine = await ask(bob.socket, 'chat:send', { chatId, id: messageId(), body: 'Hi' });
    expect(notMine.ok === false && notMine.error).toEqual({
      code: 'NOT_CHAT_OWNER',
      message: expect.stringContaining('Alice'),
    });
  });
});

describe('End Chat', () => {
  it('End Chat tells the patron, the analytics entry is saved, and the transcript reads back in order', async () => {
    await signInEveryone();
    const { patron, chatId } = await patronAsks(server.url, { question: 'Can I print in colour?' });
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    dataOf(await ask(patron, 'chat:send', { id: messageId(), body: 'And how much is it?' }));
    dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: '50 cents a page.' }));

    const patronHearsEnd = nextEvent(patron, 'chat:status', (chat) => chat.status === 'ended');
    const ended = dataOf(await ask(alice.socket, 'chat:end', { chatId }));
    expect(ended.chat).toMatchObject({ status: 'ended', endedBy: 'operator', hasAnalytics: false });
    expect((await patronHearsEnd).status).toBe('ended');

    // Still listed for Alice until she saves the analytics entry.
    const pending = dataOf(await ask(alice.socket, 'console:sync', {}));
    expect(pending.chats.find((chat) => chat.id === chatId)?.status).toBe('ended');

    const afterEnd = await ask(patron, 'chat:send', { id: messageId(), body: 'One more thing' });
    expect(afterEnd.ok === false && afterEnd.error.code).toBe('CHAT_ENDED');

    const entry = dataOf(
      await ask(alice.socket, 'chat:save-analytics', {
        chatId,
        questionTypeId: 'policy',
        timeSpentMinutes: 4,
        notes: 'Printing prices',
      }),
    ).entry;
    expect(entry).toMatchObject({
      chatId,
      questionTypeLabel: 'Policy',
      timeSpentMinutes: 4,
      notes: 'Printing prices',
      operatorName: 'Alice',
    });

    const transcript = dataOf(await ask(sam.socket, 'chat:transcript', { chatId }));
    expect(transcript.chat.hasAnalytics).toBe(true);
    expect(transcript.analytics).toEqual(entry);
    expect(transcript.messages.map((message) => [message.seq, message.authorKind, message.body])).toEqual([
      [1, 'system', 'Alice has joined the chat.'],
      [2, 'patron', 'And how much is it?'],
      [3, 'operator', '50 cents a page.'],
      [4, 'system', 'Alice ended the chat.'],
    ]);

    const synced = dataOf(await ask(alice.socket, 'console:sync', {}));
    expect(synced.chats.some((chat) => chat.id === chatId)).toBe(false);
    const endedList = dataOf(await ask(alice.socket, 'chats:ended', {})).chats;
    expect(endedList.find((chat) => chat.id === chatId)).toMatchObject({ status: 'ended', hasAnalytics: true });
  });

  it('only the operator who claimed the chat can end it, and a chat ends once', async () => {
    await signInEveryone();
    const { chatId } = await patronAsks(server.url);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    const byBob = await ask(bob.socket, 'chat:end', { chatId });
    expect(byBob.ok === false && byBob.error.code).toBe('NOT_CHAT_OWNER');
    const [first, second] = await Promise.all([
      ask(alice.socket, 'chat:end', { chatId }),
      ask(alice.socket, 'chat:end', { chatId }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
    expect(transcript.messages.filter((message) => message.body === 'Alice ended the chat.')).toHaveLength(1);
  });

  it('an ended chat has no followers left: its owner and whoever previewed it stop following it', async () => {
    await signInEveryone();
    const { chatId } = await patronAsks(server.url);
    dataOf(await ask(bob.socket, 'chat:preview', { chatId }));
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    const followers = () => server.server.io.of('/operator').in(rooms.chat(chatId)).fetchSockets();
    expect((await followers()).length).toBeGreaterThanOrEqual(2);
    dataOf(await ask(alice.socket, 'chat:end', { chatId }));
    expect(await followers()).toEqual([]);
  });

  it('the analytics entry needs a Question Type from the list', async () => {
    await signInEveryone();
    const { chatId } = await patronAsks(server.url);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    const early = await ask(alice.socket, 'chat:save-analytics', {
      chatId,
      questionTypeId: 'reference',
      timeSpentMinutes: 3,
    });
    expect(early.ok === false && early.error.code).toBe('CHAT_NOT_ACTIVE');
    dataOf(await ask(alice.socket, 'chat:end', { chatId }));
    const unknownType = await ask(alice.socket, 'chat:save-analytics', {
      chatId,
      questionTypeId: 'astrology',
      timeSpentMinutes: 3,
    });
    expect(unknownType.ok === false && unknownType.error).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('questionTypeId'),
    });
    const tooLong = await ask(alice.socket, 'chat:save-analytics', {
      chatId,
      questionTypeId: 'reference',
      timeSpentMinutes: 100_000,
    });
    expect(tooLong.ok === false && tooLong.error.code).toBe('BAD_REQUEST');
    expect(dataOf(await ask(alice.socket, 'chat:transcript', { chatId })).analytics).toBeNull();
  });

  it('when the patron leaves, the operator sees "The patron left the chat." and the chat ends', async () => {
    await signInEveryone();
    const { patron, chatId } = await patronAsks(server.url);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    const aliceHears = nextEvent(
      alice.socket,
      'chat:message',
      (message) => message.chatId === chatId && message.authorKind === 'system',
    );
    const aliceSeesEnd = nextEvent(
      alice.socket,
      'chat:updated',
      (chat) => chat.id === chatId && chat.status === 'ended',
    );
    const left = dataOf(await ask(patron, 'chat:leave', {}));
    expect(left.chat.status).toBe('ended');
    expect((await aliceHears).body).toBe('The patron left the chat.');
    expect((await aliceSeesEnd).endedBy).toBe('patron');
    const again = await ask(patron, 'chat:leave', {});
    expect(again.ok === false && again.error.code).toBe('CHAT_ENDED');
  });
});
