import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, signIn } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Two server processes' worth of Deskbell over one database, each with its own
 * connection. Rooms do not span them yet (that is the Redis adapter's job), but
 * what the database decides must hold across them.
 */
let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  first = await startTestServer();
  second = await startTestServer({ sameDatabaseAs: first });
});
afterEach(() => closeAllClients());
afterAll(async () => {
  await second.close();
  await first.close();
});

describe('two server nodes over one database', () => {
  it('when operators on different nodes click Claim Chat together, exactly one wins', async () => {
    const alice = await signIn(first.url, 'alice');
    const bob = await signIn(second.url, 'bob');
    for (let round = 0; round < 5; round += 1) {
      const { chatId } = await patronAsks(first.url);
      const acks = await Promise.all([
        ask(alice.socket, 'chat:claim', { chatId }),
        ask(bob.socket, 'chat:claim', { chatId }),
      ]);
      expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
      const loser = acks.find((ack) => !ack.ok);
      expect(loser?.ok === false && loser.error.code).toBe('ALREADY_CLAIMED');
      const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
      expect(transcript.messages.filter((message) => message.body.endsWith('has joined the chat.'))).toHaveLength(1);
    }
  });

  it('messages written through both nodes at once get distinct, gapless sequence numbers', async () => {
    const alice = await signIn(second.url, 'alice');
    const { patron, chatId } = await patronAsks(first.url);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    await Promise.all([
      ...Array.from({ length: 6 }, (_, index) =>
        ask(patron, 'chat:send', { id: messageId(), body: `patron ${index}` }),
      ),
      ...Array.from({ length: 6 }, (_, index) =>
        ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: `alice ${index}` }),
      ),
    ]).then((acks) => acks.forEach((ack) => dataOf(ack)));
    const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
    expect(transcript.messages.map((message) => message.seq)).toEqual(
      Array.from({ length: 13 }, (_, index) => index + 1),
    );
    expect(transcript.chat.lastSeq).toBe(13);
  });

  it('starting another node with --demo on the same database adds nothing twice', async () => {
    const db = first.storage.db;
    const accounts = await db.selectFrom('accounts').select('username').orderBy('username').execute();
    expect(accounts.map((account) => account.username)).toEqual(['alice', 'bob', 'dana', 'sam']);
    expect(await db.selectFrom('departments').select('id').execute()).toHaveLength(2);
    expect(await db.selectFrom('department_members').select('account_id').execute()).toHaveLength(8);
    // The demo's shared canned messages (/hours and /renew in General Reference), once.
    expect(await db.selectFrom('canned_messages').select('id').execute()).toHaveLength(2);
    expect(await db.selectFrom('question_types').select('id').execute()).toHaveLength(5);
    expect(await db.selectFrom('patron_fields').select('key').execute()).toHaveLength(1);
  });
});
