import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  askRaw,
  closeAllClients,
  dataOf,
  nextEvent,
  recordEvents,
  settle,
  signIn,
  type SignedInOperator,
} from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { claimedChat, codeOf, onlineOperator } from '../support/team-flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

/**
 * Issue 11, item 5: a supervisor can take any chat. Sam (supervisor) and Dana
 * (admin) give a chat to a colleague or take it themselves; the patron and both
 * operators see the line, the new owner has it at once with its history, the
 * previous owner's windows stop following it; the server refuses everyone else.
 */
let server: TestServer;
let alice: SignedInOperator;
let bob: SignedInOperator;
let sam: SignedInOperator;

beforeAll(async () => {
  server = await startTestServer();
  // Ruth monitors Research Help only: she cannot be given a General Reference chat.
  await addAccount(server, {
    username: 'ruth',
    displayName: 'Ruth',
    role: 'operator',
    departmentIds: ['research-help'],
  });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

async function everyoneOnline(): Promise<void> {
  [alice, bob, sam] = await Promise.all([
    onlineOperator(server.url, 'alice'),
    onlineOperator(server.url, 'bob'),
    onlineOperator(server.url, 'sam'),
  ]);
}

describe('a supervisor reassigns a chat', () => {
  it("gives Alice's chat to Bob: he has it at once with its history, Alice loses it, the patron hears who has it now", async () => {
    await everyoneOnline();
    const { chatId, patron } = await claimedChat(server.url, alice);
    dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'Let me look that up.' }));
    await settle(patron);
    const patronLines = recordEvents(patron, 'chat:message');
    const patronStatus = nextEvent(patron, 'chat:status', (view) => view.operatorName === 'Bob');
    const aliceHears = nextEvent(alice.socket, 'chat:updated', (chat) => chat.ownerId === bob.me.id);
    const aliceLine = nextEvent(alice.socket, 'chat:message', (message) => message.event?.type === 'reassigned');
    const bobGiven = nextEvent(bob.socket, 'chat:assigned');

    const { chat } = dataOf(await ask(sam.socket, 'chat:reassign', { chatId, toOperatorId: bob.me.id }));
    expect(chat).toMatchObject({ status: 'active', ownerId: bob.me.id, ownerName: 'Bob', participants: [] });

    const given = await bobGiven;
    expect(given.chat.ownerId).toBe(bob.me.id);
    expect(given.messages.map((message) => message.body)).toEqual(
      expect.arrayContaining(['Let me look that up.', 'Sam (supervisor) gave this chat to Bob.']),
    );
    expect((await aliceHears).participants).toEqual([]);
    expect((await aliceLine).body).toBe('Sam (supervisor) gave this chat to Bob.');
    await patronStatus;
    await settle(patron);
    expect(patronLines.map((message) => message.body)).toEqual(['Sam (supervisor) gave this chat to Bob.']);
    expect(patronLines[0]?.event).toEqual({
      type: 'reassigned',
      by: { id: sam.me.id, name: 'Sam' },
      from: { id: alice.me.id, name: 'Alice' },
      to: { id: bob.me.id, name: 'Bob' },
    });

    // Bob replies and the patron hears him; Alice's window no longer follows the chat, nor may she write in it.
    const aliceHeard = recordEvents(alice.socket, 'chat:message');
    const patronHearsBob = nextEvent(patron, 'chat:message', (message) => message.body === 'I have the maps here.');
    dataOf(await ask(bob.socket, 'chat:send', { chatId, id: messageId(), body: 'I have the maps here.' }));
    expect((await patronHearsBob).authorName).toBe('Bob');
    await settle(alice.socket);
    expect(aliceHeard).toEqual([]);
    expect(codeOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'Still here?' }))).toBe(
      'NOT_CHAT_OWNER',
    );

    // After a reload Bob's console lists it as his; Alice's as Bob's.
    const bobAgain = await signIn(server.url, 'bob');
    const synced = dataOf(await ask(bobAgain.socket, 'console:sync', {}));
    expect(synced.chats.find((listed) => listed.id === chatId)).toMatchObject({ ownerId: bob.me.id });
  });

  it('an admin gives a waiting chat (nobody has it) to Alice, clearing a pending department transfer', async () => {
    await everyoneOnline();
    const dana = await onlineOperator(server.url, 'dana');
    const { chatId, patron } = await claimedChat(server.url, bob);
    dataOf(await ask(bob.socket, 'chat:transfer', { chatId, to: { kind: 'department', id: 'research-help' } }));
    const line = nextEvent(patron, 'chat:message', (message) => message.event?.type === 'reassigned');
    const { chat } = dataOf(await ask(dana.socket, 'chat:reassign', { chatId, toOperatorId: alice.me.id }));
    expect(chat).toMatchObject({ status: 'active', ownerId: alice.me.id, transfer: null, participants: [] });
    expect((await line).body).toBe('Dana (admin) gave this chat to Alice.');
    dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'Hello, I am Alice.' }));
  });
});

describe('a supervisor takes over a chat', () => {
  it("takes Alice's chat with its history; Alice stops following it and the patron hears who has it now", async () => {
    await everyoneOnline();
    const { chatId, patron } = await claimedChat(server.url, alice);
    const patronLine = nextEvent(patron, 'chat:message', (message) => message.event?.type === 'taken-over');
    const patronStatus = nextEvent(patron, 'chat:status', (view) => view.operatorName === 'Sam');
    const aliceLine = nextEvent(alice.socket, 'chat:message', (message) => message.event?.type === 'taken-over');
    const taken = dataOf(await ask(sam.socket, 'chat:take-over', { chatId }));
    expect(taken.chat).toMatchObject({ status: 'active', ownerId: sam.me.id, participants: [] });
    expect(taken.messages.at(-1)?.body).toBe('Sam (supervisor) took over this chat from Alice.');
    expect((await patronLine).event).toEqual({
      type: 'taken-over',
      by: { id: sam.me.id, name: 'Sam' },
      from: { id: alice.me.id, name: 'Alice' },
    });
    await patronStatus;
    expect((await aliceLine).body).toBe('Sam (supervisor) took over this chat from Alice.');

    const aliceHeard = recordEvents(alice.socket, 'chat:message');
    dataOf(await ask(sam.socket, 'chat:send', { chatId, id: messageId(), body: 'Sam here, I can help.' }));
    await settle(alice.socket);
    expect(aliceHeard).toEqual([]);
  });

  it('takes a waiting chat straight from the queue', async () => {
    await everyoneOnline();
    const { chatId, patron } = await patronAsks(server.url);
    const line = nextEvent(patron, 'chat:message', (message) => message.event?.type === 'taken-over');
    const taken = dataOf(await ask(sam.socket, 'chat:take-over', { chatId }));
    expect(taken.chat).toMatchObject({ status: 'active', ownerId: sam.me.id });
    expect((await line).body).toBe('Sam (supervisor) took over this chat.');
  });
});

describe('the server enforces who may take a chat', () => {
  it('refuses operators, ended chats, a colleague who is Away, Offline or not in the department, the current owner and unknown colleagues', async () => {
    await everyoneOnline();
    const { chatId } = await claimedChat(server.url, alice);
    expect(codeOf(await ask(alice.socket, 'chat:reassign', { chatId, toOperatorId: bob.me.id }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(bob.socket, 'chat:take-over', { chatId }))).toBe('FORBIDDEN');
    expect(codeOf(await ask(sam.socket, 'chat:reassign', { chatId, toOperatorId: alice.me.id }))).toBe('BAD_REQUEST');
    expect(codeOf(await ask(sam.socket, 'chat:reassign', { chatId, toOperatorId: 'nobody-here' }))).toBe('NOT_FOUND');

    await onlineOperator(server.url, 'ruth');
    const ruth = dataOf(await ask(sam.socket, 'operators:list', {})).operators.find((op) => op.displayName === 'Ruth');
    const elsewhere = await ask(sam.socket, 'chat:reassign', { chatId, toOperatorId: ruth?.id ?? 'ruth' });
    expect(codeOf(elsewhere)).toBe('TRANSFER_TARGET_UNAVAILABLE');
    expect(elsewhere.ok ? '' : elsewhere.error.message).toBe('Ruth cannot take this chat (Not in this department).');

    dataOf(await ask(bob.socket, 'status:set', { status: 'away' }));
    const away = await ask(sam.socket, 'chat:reassign', { chatId, toOperatorId: bob.me.id });
    expect(codeOf(away)).toBe('TRANSFER_TARGET_UNAVAILABLE');
    expect(away.ok ? '' : away.error.message).toContain('Away');
    dataOf(await ask(bob.socket, 'status:set', { status: 'offline' }));
    expect(codeOf(await ask(sam.socket, 'chat:reassign', { chatId, toOperatorId: bob.me.id }))).toBe(
      'TRANSFER_TARGET_UNAVAILABLE',
    );

    // Nothing changed: Alice still has it.
    const still = dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'Still mine.' }));
    expect(still.message.authorName).toBe('Alice');

    dataOf(await ask(alice.socket, 'chat:end', { chatId }));
    dataOf(await ask(bob.socket, 'status:set', { status: 'online' }));
    expect(codeOf(await ask(sam.socket, 'chat:reassign', { chatId, toOperatorId: bob.me.id }))).toBe('CHAT_ENDED');
    expect(codeOf(await ask(sam.socket, 'chat:take-over', { chatId }))).toBe('CHAT_ENDED');
    expect(codeOf(await ask(sam.socket, 'chat:take-over', { chatId: 'no-such-chat' }))).toBe('CHAT_NOT_FOUND');
  });

  it('refuses a request without a colleague, naming the field', async () => {
    await everyoneOnline();
    const { chatId } = await claimedChat(server.url, alice);
    const ack = await askRaw(sam.socket, 'chat:reassign', { chatId });
    expect(ack.ok ? null : ack.error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('toOperatorId'),
    });
  });
});
