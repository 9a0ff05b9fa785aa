import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  closeAllClients,
  dataOf,
  nextEvent,
  recordEvents,
  settle,
  type SignedInOperator,
} from '../support/clients';
import { messageId } from '../support/flows';
import { claimedChat, codeOf, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let alice: SignedInOperator;
let bob: SignedInOperator;

const TRANSFER_TIMEOUT_MS = 400;

beforeAll(async () => {
  server = await startTestServer({ timings: { transferTimeoutMs: TRANSFER_TIMEOUT_MS, upkeepIntervalMs: 50 } });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

async function aliceAndBobOnline(): Promise<void> {
  [alice, bob] = await Promise.all([onlineOperator(server.url, 'alice'), onlineOperator(server.url, 'bob')]);
}

describe('transferring a chat to a colleague', () => {
  it('Bob is offered the chat with who it is from and the briefing; the patron sees the line but never the briefing', async () => {
    await aliceAndBobOnline();
    const { chatId, patron } = await claimedChat(server.url, alice);
    await settle(patron);
    const patronHeard = recordEvents(patron, 'chat:message');
    const offered = nextEvent(bob.socket, 'chat:transfer-offered');
    const briefing = 'Wants 1890s harbour maps; already checked the catalogue.';
    const { chat } = dataOf(
      await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: bob.me.id }, briefing }),
    );
    expect(chat).toMatchObject({ ownerName: 'Alice', status: 'active' });
    expect((await offered).chat.transfer).toMatchObject({
      from: { id: alice.me.id, name: 'Alice' },
      to: { kind: 'operator', id: bob.me.id, name: 'Bob' },
      briefing,
    });

    // Until Bob accepts, Alice still owns the chat and replies in it.
    dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'One moment, please.' }));
    const accepted = dataOf(await ask(bob.socket, 'chat:accept-transfer', { chatId }));
    expect(accepted.chat).toMatchObject({ ownerName: 'Bob', participants: [{ id: alice.me.id, name: 'Alice' }] });
    expect(accepted.chat.transfer).toBeNull();

    await settle(patron);
    const lines = patronHeard.map((message) => message.body);
    expect(lines).toEqual([
      'Alice is transferring the chat to Bob.',
      'One moment, please.',
      'Bob has joined the chat (transferred from Alice).',
    ]);
    expect(JSON.stringify(patronHeard)).not.toContain('catalogue');
    expect(patronHeard[0]?.event).toEqual({
      type: 'transfer-requested',
      from: { id: alice.me.id, name: 'Alice' },
      to: { kind: 'operator', id: bob.me.id, name: 'Bob' },
    });
  });

  it('after the transfer Alice stays as a group: her messages reach Bob and the patron, then she leaves', async () => {
    await aliceAndBobOnline();
    const { chatId, patron } = await claimedChat(server.url, alice);
    dataOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: bob.me.id } }));
    dataOf(await ask(bob.socket, 'chat:accept-transfer', { chatId }));

    const bobHears = nextEvent(bob.socket, 'chat:message', (message) => message.body === 'Bob knows maps best.');
    const patronHears = nextEvent(patron, 'chat:message', (message) => message.body === 'Bob knows maps best.');
    dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'Bob knows maps best.' }));
    expect((await bobHears).authorName).toBe('Alice');
    await patronHears;

    const bobSeesLeave = nextEvent(bob.socket, 'chat:message', (message) => message.event?.type === 'left');
    const left = dataOf(await ask(alice.socket, 'chat:leave', { chatId }));
    expect(left.chat.participants).toEqual([]);
    expect((await bobSeesLeave).body).toBe('Alice has left the chat.');

    // Alice's window no longer follows the chat.
    const aliceHeard = recordEvents(alice.socket, 'chat:message');
    dataOf(await ask(bob.socket, 'chat:send', { chatId, id: messageId(), body: 'Here is the map room.' }));
    await settle(alice.socket);
    expect(aliceHeard).toEqual([]);

    const transcript = dataOf(await ask(bob.socket, 'chat:transcript', { chatId }));
    expect(transcript.messages.filter((m) => m.authorKind === 'system').map((m) => m.event?.type)).toEqual([
      'claimed',
      'transfer-requested',
      'transfer-accepted',
      'left',
    ]);
  });

  it('Bob declines the transfer: Alice hears at once who declined, keeps the chat, and everyone reads why', async () => {
    await aliceAndBobOnline();
    const { chatId, patron } = await claimedChat(server.url, alice);
    const returned = nextEvent(alice.socket, 'chat:transfer-returned');
    const patronHears = nextEvent(patron, 'chat:message', (message) => message.event?.type === 'transfer-declined');
    dataOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: bob.me.id } }));
    expect(codeOf(await ask(alice.socket, 'chat:decline-transfer', { chatId }))).toBe('NO_PENDING_TRANSFER');
    // Bob reads the offered chat before he answers: that makes him follow it for now.
    dataOf(await ask(bob.socket, 'chat:preview', { chatId }));
    const declined = dataOf(await ask(bob.socket, 'chat:decline-transfer', { chatId }));
    expect(declined.chat).toMatchObject({ ownerName: 'Alice', status: 'active', transfer: null });
    expect(await returned).toMatchObject({ chat: { id: chatId, transfer: null }, declinedBy: { name: 'Bob' } });
    expect((await patronHears).body).toBe('Bob declined the transfer; the chat stays with Alice.');
    expect(codeOf(await ask(bob.socket, 'chat:accept-transfer', { chatId }))).toBe('NO_PENDING_TRANSFER');
    expect(codeOf(await ask(bob.socket, 'chat:decline-transfer', { chatId }))).toBe('NO_PENDING_TRANSFER');
    // Having said no, Bob no longer follows the chat.
    const bobHeard = recordEvents(bob.socket, 'chat:message');
    dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'I will help you myself.' }));
    await settle(bob.socket);
    expect(bobHeard.filter((message) => message.chatId === chatId)).toEqual([]);
    dataOf(await ask(alice.socket, 'chat:end', { chatId }));
  });

  it('a transfer nobody accepts in time returns to Alice with an alert', async () => {
    await aliceAndBobOnline();
    const { chatId } = await claimedChat(server.url, alice);
    const returned = nextEvent(alice.socket, 'chat:transfer-returned');
    dataOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: bob.me.id } }));
    const { chat } = await returned;
    expect(chat).toMatchObject({ id: chatId, ownerName: 'Alice', transfer: null, status: 'active' });
    const late = await ask(bob.socket, 'chat:accept-transfer', { chatId });
    expect(late.ok === false && late.error.code).toBe('NO_PENDING_TRANSFER');
    const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
    expect(transcript.messages.at(-1)).toMatchObject({
      body: 'Nobody accepted the transfer; the chat is back with Alice.',
      event: { type: 'transfer-returned', to: { id: alice.me.id, name: 'Alice' } },
    });
  });
});

describe('transferring a chat to a department', () => {
  it('the chat goes back to the queue marked as a transfer; Bob claims it and Alice stays until she leaves', async () => {
    await aliceAndBobOnline();
    const { chatId, patron } = await claimedChat(server.url, alice);
    const bobAlerted = nextEvent(bob.socket, 'chat:new', (chat) => chat.id === chatId);
    const patronSeesWaiting = nextEvent(patron, 'chat:status', (chat) => chat.status === 'waiting');
    const { chat } = dataOf(
      await ask(alice.socket, 'chat:transfer', {
        chatId,
        to: { kind: 'department', id: 'research-help' },
        briefing: 'Needs a subject specialist.',
      }),
    );
    expect(chat).toMatchObject({ status: 'waiting', ownerId: null, departmentId: 'research-help' });
    expect((await bobAlerted).transfer).toMatchObject({
      from: { name: 'Alice' },
      to: { kind: 'department', id: 'research-help', name: 'Research Help' },
      briefing: 'Needs a subject specialist.',
    });
    await patronSeesWaiting;

    const claimed = dataOf(await ask(bob.socket, 'chat:claim', { chatId }));
    expect(claimed.chat).toMatchObject({ ownerName: 'Bob', participants: [{ name: 'Alice' }], transfer: null });
    expect(claimed.messages.at(-1)?.body).toBe('Bob has joined the chat (transferred from Alice).');
    expect((await ask(alice.socket, 'chat:end', { chatId })).ok).toBe(false);
    dataOf(await ask(alice.socket, 'chat:leave', { chatId }));
    dataOf(await ask(bob.socket, 'chat:end', { chatId }));
  });

  it('a department transfer nobody claims in time returns to Alice in her department', async () => {
    await aliceAndBobOnline();
    const { chatId } = await claimedChat(server.url, alice);
    const returned = nextEvent(alice.socket, 'chat:transfer-returned');
    dataOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'department', id: 'research-help' } }));
    expect((await returned).chat).toMatchObject({
      status: 'active',
      ownerName: 'Alice',
      departmentId: 'general-reference',
      transfer: null,
    });
  });
});
