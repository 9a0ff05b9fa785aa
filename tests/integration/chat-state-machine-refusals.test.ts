import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, dataOf, signIn, type SignedInOperator } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { claimedChat, codeOf, onlineOperator } from '../support/team-flows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;
let alice: SignedInOperator;
let bob: SignedInOperator;
let sam: SignedInOperator;

beforeAll(async () => {
  server = await startTestServer();
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

const toBob = (chatId: string) => ({ chatId, to: { kind: 'operator' as const, id: bob.me.id } });

describe('the server refuses what the chat rules forbid, whatever the client sends', () => {
  it("after Bob accepts Alice's transfer, Alice's End Chat is refused (she may still write as a group)", async () => {
    await everyoneOnline();
    const { chatId } = await claimedChat(server.url, alice);
    dataOf(await ask(alice.socket, 'chat:transfer', toBob(chatId)));
    dataOf(await ask(bob.socket, 'chat:accept-transfer', { chatId }));
    const refused = await ask(alice.socket, 'chat:end', { chatId });
    expect(refused.ok === false && refused.error).toEqual({
      code: 'NOT_CHAT_OWNER',
      message: expect.stringContaining('Bob'),
    });
    dataOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'I am still here to help.' }));
    const transcript = dataOf(await ask(sam.socket, 'chat:transcript', { chatId }));
    expect(transcript.chat).toMatchObject({ status: 'active', ownerName: 'Bob', participants: [{ name: 'Alice' }] });
  });

  it('a transfer to a colleague who is Away, or Offline, is refused and changes nothing', async () => {
    await everyoneOnline();
    const { chatId } = await claimedChat(server.url, alice);
    dataOf(await ask(bob.socket, 'status:set', { status: 'away' }));
    expect(codeOf(await ask(alice.socket, 'chat:transfer', toBob(chatId)))).toBe('TRANSFER_TARGET_UNAVAILABLE');
    dataOf(await ask(bob.socket, 'status:set', { status: 'offline' }));
    const refused = await ask(alice.socket, 'chat:transfer', toBob(chatId));
    expect(refused.ok === false && refused.error).toEqual({
      code: 'TRANSFER_TARGET_UNAVAILABLE',
      message: expect.stringContaining('Offline'),
    });
    const chat = dataOf(await ask(alice.socket, 'chat:preview', { chatId })).chat;
    expect(chat).toMatchObject({ ownerName: 'Alice', transfer: null });
  });

  it('only the owner transfers; one transfer at a time; only its colleague accepts it', async () => {
    await everyoneOnline();
    const { chatId } = await claimedChat(server.url, alice);
    expect(codeOf(await ask(bob.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: sam.me.id } }))).toBe(
      'NOT_CHAT_OWNER',
    );
    expect(codeOf(await ask(bob.socket, 'chat:accept-transfer', { chatId }))).toBe('NO_PENDING_TRANSFER');
    dataOf(await ask(alice.socket, 'chat:transfer', toBob(chatId)));
    expect(codeOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: sam.me.id } }))).toBe(
      'TRANSFER_PENDING',
    );
    expect(codeOf(await ask(sam.socket, 'chat:accept-transfer', { chatId }))).toBe('NO_PENDING_TRANSFER');
    expect(
      codeOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: alice.me.id } })),
    ).toBe('TRANSFER_PENDING');
  });

  it('transferring to yourself, to a department that does not exist, or a chat nobody claimed is refused', async () => {
    await everyoneOnline();
    const { chatId } = await claimedChat(server.url, alice);
    expect(
      codeOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'operator', id: alice.me.id } })),
    ).toBe('BAD_REQUEST');
    expect(
      codeOf(await ask(alice.socket, 'chat:transfer', { chatId, to: { kind: 'department', id: 'rare-books' } })),
    ).toBe('DEPARTMENT_NOT_FOUND');
    const waiting = await patronAsks(server.url);
    expect(codeOf(await ask(alice.socket, 'chat:transfer', toBob(waiting.chatId)))).toBe('CHAT_NOT_ACTIVE');
  });

  it('the owner cannot leave, someone not in the chat cannot leave, and an ended chat takes no transfer', async () => {
    await everyoneOnline();
    const { chatId } = await claimedChat(server.url, alice);
    expect(codeOf(await ask(alice.socket, 'chat:leave', { chatId }))).toBe('OWNER_CANNOT_LEAVE');
    expect(codeOf(await ask(bob.socket, 'chat:leave', { chatId }))).toBe('NOT_CHAT_PARTICIPANT');
    dataOf(await ask(alice.socket, 'chat:end', { chatId }));
    expect(codeOf(await ask(alice.socket, 'chat:transfer', toBob(chatId)))).toBe('CHAT_ENDED');
    expect(codeOf(await ask(bob.socket, 'chat:accept-transfer', { chatId }))).toBe('CHAT_ENDED');
  });

  it('a participant who left can no longer write in the chat', async () => {
    await everyoneOnline();
    const { chatId } = await claimedChat(server.url, alice);
    dataOf(await ask(alice.socket, 'chat:transfer', toBob(chatId)));
    dataOf(await ask(bob.socket, 'chat:accept-transfer', { chatId }));
    dataOf(await ask(alice.socket, 'chat:leave', { chatId }));
    expect(codeOf(await ask(alice.socket, 'chat:send', { chatId, id: messageId(), body: 'one more thing' }))).toBe(
      'NOT_CHAT_OWNER',
    );
    expect(codeOf(await ask(alice.socket, 'chat:leave', { chatId }))).toBe('NOT_CHAT_PARTICIPANT');
  });

  it('a transfer with a malformed target is refused with the field named', async () => {
    const operator = await signIn(server.url, 'alice');
    const ack = await ask(operator.socket, 'chat:transfer', {
      chatId: 'x',
      to: { kind: 'library', id: 'y' } as unknown as { kind: 'operator'; id: string },
    });
    expect(ack.ok === false && ack.error).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('to') });
  });
});
