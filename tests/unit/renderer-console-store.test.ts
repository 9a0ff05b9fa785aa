import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectCounter, selectMyChats, selectWaitingChats } from '../../renderer/store/selectors';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, RecordingBridge, until } from './renderer-test-kit';

let server: FakeDeskServer;
const stores: ConsoleStore[] = [];

beforeEach(async () => {
  server = await startFakeDeskServer();
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.close();
});

async function loggedIn(username: 'alice' | 'bob', bridge = new RecordingBridge()) {
  const made = consoleFor(server, bridge);
  stores.push(made.store);
  await made.store.getState().logIn(username, 'deskbell-demo');
  await until(() => made.store.getState().connection === 'connected', `${username} connected`);
  return made;
}

describe('the console store', () => {
  it('a wrong password keeps the login form up with the reason', async () => {
    const { store } = consoleFor(server);
    stores.push(store);
    await store.getState().logIn('alice', 'wrong');
    expect(store.getState().phase).toBe('logged-out');
    expect(store.getState().loginError).toBe('That username and password do not match.');
  });

  it('the counter shows chats in progress, new, and mine', async () => {
    const alice = await loggedIn('alice');
    const bob = await loggedIn('bob');
    const first = server.startChat('Where is the restroom?');
    const second = server.startChat('Do you have Dune?');
    server.startChat('How do I print?');
    await until(() => selectWaitingChats(alice.store.getState()).length === 3, 'three waiting chats');

    await alice.store.getState().claimChat(first.id);
    await bob.store.getState().claimChat(second.id);
    await until(() => selectCounter(alice.store.getState()).new === 1, 'the claims to reach Alice');

    expect(selectCounter(alice.store.getState())).toEqual({ inProgress: 2, new: 1, mine: 1 });
    expect(selectCounter(bob.store.getState())).toEqual({ inProgress: 2, new: 1, mine: 1 });
    expect(selectMyChats(alice.store.getState()).map((chat) => chat.id)).toEqual([first.id]);
  });

  it("a patron's new chat pops up with a chirp, and the pop-up comes down once it is claimed", async () => {
    const alice = await loggedIn('alice');
    const chat = server.startChat('Can I book a study room?', 'Riley');
    await until(() => alice.bridge.alerts.length === 1, 'the pop-up');
    expect(alice.bridge.alerts[0]).toEqual({
      chatId: chat.id,
      patronName: 'Riley',
      departmentName: 'General Reference',
      preview: 'Can I book a study room?',
      note: null,
    });
    expect(alice.bridge.chirps).toBe(1);
    await until(() => alice.bridge.presence.at(-1)?.waiting === 1, 'the waiting count');

    await alice.store.getState().claimChat(chat.id);
    await until(() => alice.bridge.cleared.includes(chat.id), 'the pop-up to come down');
    await until(() => alice.bridge.presence.at(-1)?.waiting === 0, 'the waiting count to drop');
  });

  it('when two operators click Claim Chat together, one wins and the other is told who took it', async () => {
    const alice = await loggedIn('alice');
    const bob = await loggedIn('bob');
    const chat = server.startChat('Help with a citation');
    await until(() => Boolean(bob.store.getState().chats[chat.id]), 'the chat to reach Bob');

    await Promise.all([alice.store.getState().claimChat(chat.id), bob.store.getState().claimChat(chat.id)]);
    const notes = [alice.store.getState().claimNotes[chat.id], bob.store.getState().claimNotes[chat.id]];
    expect(notes.filter(Boolean)).toHaveLength(1);
    const winner = notes[0] ? 'Bob' : 'Alice';
    expect(notes.find(Boolean)).toBe(`${winner} has already claimed this chat.`);
  });

  it('Claim Chat brings the reply box forward, unless the operator opened Patron info while it was on its way', async () => {
    const alice = await loggedIn('alice');
    const first = server.startChat('Where is the restroom?');
    const second = server.startChat('Do you have Dune?');
    await until(() => Boolean(alice.store.getState().chats[second.id]), 'the chats to reach Alice');

    await alice.store.getState().claimChat(first.id);
    expect(alice.store.getState().chatTab).toBe('chat');
    expect(alice.store.getState().replyFocus?.chatId).toBe(first.id);

    // The click on Patron info lands before the claim's answer: the answer leaves her there.
    const claimed = alice.store.getState().claimChat(second.id);
    expect(alice.store.getState().openChatId).toBe(second.id);
    alice.store.getState().setChatTab('patron-info');
    await claimed;
    expect(alice.store.getState().chats[second.id]?.ownerId).toBe('op-alice');
    expect(alice.store.getState().chatTab).toBe('patron-info');
    expect(alice.store.getState().replyFocus?.chatId).toBe(first.id);
  });

  it('an operator previewing a chat sees who claimed it from under them', async () => {
    const alice = await loggedIn('alice');
    const bob = await loggedIn('bob');
    const chat = server.startChat('Is there parking?');
    await until(() => Boolean(bob.store.getState().chats[chat.id]), 'the chat to reach Bob');
    await bob.store.getState().previewChat(chat.id);
    expect(bob.store.getState().messages[chat.id]?.map((m) => m.body)).toEqual(['Is there parking?']);
    expect(bob.store.getState().chats[chat.id]?.status).toBe('waiting');

    await alice.store.getState().claimChat(chat.id);
    await until(() => Boolean(bob.store.getState().claimNotes[chat.id]), 'the note');
    expect(bob.store.getState().claimNotes[chat.id]).toBe('Alice claimed this chat.');
  });

  it('clicking a pop-up previews that chat in the console', async () => {
    const alice = await loggedIn('alice');
    const chat = server.startChat('Are you open Sunday?');
    await until(() => alice.bridge.alerts.length === 1, 'the pop-up');
    alice.bridge.clickAlert(chat.id, 'preview');
    await until(() => (alice.store.getState().messages[chat.id]?.length ?? 0) === 1, 'the preview');
    expect(alice.store.getState().openChatId).toBe(chat.id);
    expect(alice.store.getState().chats[chat.id]?.status).toBe('waiting');
  });

  it('messages land in the store in order and a repeated one shows once', async () => {
    const alice = await loggedIn('alice');
    const chat = server.startChat('Renewals?');
    await until(() => Boolean(alice.store.getState().chats[chat.id]), 'the chat');
    await alice.store.getState().claimChat(chat.id);
    const repeated = server.patronSays(chat.id, 'Card 1234');
    server.repeat(repeated);
    alice.store.getState().sendMessage(chat.id, 'Let me check.');
    await until(() => (alice.store.getState().messages[chat.id]?.length ?? 0) === 3, 'three messages');
    await until(() => (alice.store.getState().pending[chat.id]?.length ?? 0) === 0, 'the send to settle');
    expect(alice.store.getState().messages[chat.id]?.map((m) => `${m.seq}:${m.body}`)).toEqual([
      '1:Renewals?',
      '2:Card 1234',
      '3:Let me check.',
    ]);
  });

  it('End Chat opens the analytics entry, and Save records it', async () => {
    const alice = await loggedIn('alice');
    const chat = server.startChat('Where are the maps?');
    await until(() => Boolean(alice.store.getState().chats[chat.id]), 'the chat');
    await alice.store.getState().claimChat(chat.id);
    await alice.store.getState().endChat(chat.id);
    expect(alice.store.getState().analytics).toEqual({ chatId: chat.id, saving: false, error: null });
    expect(selectMyChats(alice.store.getState()).map((c) => c.id)).toEqual([chat.id]);

    await alice.store.getState().saveAnalytics({ chatId: chat.id, questionTypeId: 'nope', timeSpentMinutes: 3 });
    expect(alice.store.getState().analytics?.error).toBe('questionTypeId: no such question type');

    await alice.store
      .getState()
      .saveAnalytics({ chatId: chat.id, questionTypeId: 'directional', timeSpentMinutes: 3, notes: 'Floor 2' });
    expect(alice.store.getState().analytics).toBeNull();
    expect(selectMyChats(alice.store.getState())).toEqual([]);

    await alice.store.getState().openTranscript(chat.id);
    const transcript = alice.store.getState().transcript?.data;
    expect(transcript?.analytics).toMatchObject({
      questionTypeLabel: 'Directional',
      timeSpentMinutes: 3,
      notes: 'Floor 2',
    });
    expect(transcript?.messages.map((m) => m.body)).toEqual(['Where are the maps?']);
  });

  it('logging out closes the connection and forgets the chats', async () => {
    const alice = await loggedIn('alice');
    server.startChat('Anything');
    await until(() => selectWaitingChats(alice.store.getState()).length === 1, 'the chat');
    await alice.store.getState().logOut();
    expect(alice.store.getState()).toMatchObject({
      phase: 'logged-out',
      operator: null,
      chats: {},
      connection: 'offline',
    });
    await until(() => server.connectedCount() === 0, 'the socket to close');
  });

  it('the chat on screen that a reconnect did not catch up is loaded afresh, so it stays live', async () => {
    const alice = await loggedIn('alice');
    const chat = server.startChat('Do you have the census records?', 'Morgan');
    await alice.store.getState().previewChat(chat.id);
    server.hide(chat.id);
    server.dropConnections();
    await until(() => alice.store.getState().connection !== 'connected', 'the drop');
    await until(() => alice.store.getState().connection === 'connected', 'the reconnection');

    server.patronSays(chat.id, 'From 1901?');
    await until(() => (alice.store.getState().messages[chat.id]?.length ?? 0) === 2, 'the live message');
    expect(alice.store.getState().messages[chat.id]?.map((m) => m.body)).toEqual([
      'Do you have the census records?',
      'From 1901?',
    ]);
  });
});
