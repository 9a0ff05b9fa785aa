import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PER_CHAT_KEYS } from '../../renderer/store/chat-release';
import type { ConsoleState } from '../../renderer/store/console-state';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { selectMyChats } from '../../renderer/store/selectors';
import { OperatorConnection } from '../../src/client/operator-connection';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, until } from './renderer-test-kit';

let server: FakeDeskServer;
const stores: ConsoleStore[] = [];

beforeEach(async () => {
  server = await startFakeDeskServer();
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.close();
});

/** A console logged in to the fake server, with a handle on the connection its store opened. */
async function loggedIn(username: 'alice' | 'bob') {
  let opened: OperatorConnection | null = null;
  const made = consoleFor(server, undefined, {
    createConnection: (token) => {
      opened = new OperatorConnection({
        url: server.url,
        ...(token ? { token } : {}),
        requestTimeoutMs: 1000,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
      });
      return opened;
    },
  });
  stores.push(made.store);
  await made.store.getState().logIn(username, 'deskbell-demo');
  await until(() => made.store.getState().connection === 'connected', `${username} connected`);
  const connection = (): OperatorConnection => {
    if (!opened) throw new Error('no connection');
    return opened;
  };
  return { ...made, connection };
}

/** Every per-chat record of the store that still names this chat. */
function recordsNaming(state: ConsoleState, chatId: string): string[] {
  return PER_CHAT_KEYS.filter((key) => chatId in state[key]);
}

/** Claims a new chat, has a short exchange with the patron, ends it: the analytics dialog is open. */
async function answeredAndEnded(alice: Awaited<ReturnType<typeof loggedIn>>, question: string) {
  const chat = server.startChat(question, `Patron of ${question}`);
  await until(() => Boolean(alice.store.getState().chats[chat.id]), 'the new chat');
  await alice.store.getState().claimChat(chat.id);
  server.patronSays(chat.id, 'Thank you!');
  alice.store.getState().sendMessage(chat.id, 'You are welcome.');
  await until(() => (alice.store.getState().messages[chat.id]?.length ?? 0) === 3, 'the exchange');
  await alice.store.getState().endChat(chat.id);
  return chat;
}

describe('ended chats leave the console once it is done with them', () => {
  it('a chat whose analytics are saved is gone from every store once the librarian opens the next one', async () => {
    const alice = await loggedIn('alice');
    const first = await answeredAndEnded(alice, 'Where are the maps?');
    await alice.store
      .getState()
      .saveAnalytics({ chatId: first.id, questionTypeId: 'directional', timeSpentMinutes: 2 });

    // Still on screen: it stays until she leaves it.
    expect(alice.store.getState().openChatId).toBe(first.id);
    expect(recordsNaming(alice.store.getState(), first.id)).toContain('messages');
    expect(alice.connection().messages(first.id)).toHaveLength(3);

    const second = server.startChat('Do you have the census?');
    await until(() => Boolean(alice.store.getState().chats[second.id]), 'the next chat');
    await alice.store.getState().claimChat(second.id);

    expect(recordsNaming(alice.store.getState(), first.id)).toEqual([]);
    expect(alice.connection().messages(first.id)).toEqual([]);
    expect(alice.connection().lastSeqByChat()).not.toHaveProperty(first.id);
    // Only the chat she is answering is held.
    expect(alice.connection().heldSizes()).toEqual({ known: 1, loaded: 1 });
  });

  it('a released chat opened again from Transcripts, or previewed, is fetched from the server afresh', async () => {
    const alice = await loggedIn('alice');
    const first = await answeredAndEnded(alice, 'Renewals?');
    await alice.store.getState().saveAnalytics({ chatId: first.id, questionTypeId: 'reference', timeSpentMinutes: 1 });
    const second = server.startChat('Opening hours?');
    await until(() => Boolean(alice.store.getState().chats[second.id]), 'the next chat');
    await alice.store.getState().claimChat(second.id);
    expect(recordsNaming(alice.store.getState(), first.id)).toEqual([]);

    const asked = server.transcriptRequests.length;
    await alice.store.getState().openTranscript(first.id);
    expect(server.transcriptRequests.slice(asked)).toEqual([first.id]);
    expect(alice.store.getState().transcript?.data?.messages.map((m) => m.body)).toEqual([
      'Renewals?',
      'Thank you!',
      'You are welcome.',
    ]);

    await alice.store.getState().previewChat(first.id);
    expect(alice.store.getState().messages[first.id]?.map((m) => m.body)).toEqual([
      'Renewals?',
      'Thank you!',
      'You are welcome.',
    ]);
    expect(alice.connection().messages(first.id)).toHaveLength(3);
    // Back to the chat she is answering: the ended one goes again.
    alice.store.getState().openChat(second.id);
    alice.store.setState({ rightView: 'chat', transcript: null });
    expect(recordsNaming(alice.store.getState(), first.id)).toEqual([]);
    expect(alice.connection().messages(first.id)).toEqual([]);
  });

  it('an ended chat still waiting for its analytics entry stays, in My Chats and in the connection', async () => {
    const alice = await loggedIn('alice');
    const first = await answeredAndEnded(alice, 'Interlibrary loan?');
    alice.store.getState().closeAnalytics();
    const second = server.startChat('Printing?');
    await until(() => Boolean(alice.store.getState().chats[second.id]), 'the next chat');
    await alice.store.getState().claimChat(second.id);

    expect(selectMyChats(alice.store.getState()).map((chat) => chat.id)).toEqual([second.id, first.id]);
    expect(alice.store.getState().messages[first.id]).toHaveLength(3);
    expect(alice.connection().messages(first.id)).toHaveLength(3);

    // Entered later from My Chats: saved, and released once she moves on.
    await alice.store.getState().previewChat(first.id);
    await alice.store.getState().saveAnalytics({ chatId: first.id, questionTypeId: 'reference', timeSpentMinutes: 4 });
    alice.store.getState().openChat(second.id);
    expect(recordsNaming(alice.store.getState(), first.id)).toEqual([]);
    expect(alice.connection().messages(first.id)).toEqual([]);
  });

  it("a colleague's ended chat that was previewed leaves no messages behind once the librarian moves on", async () => {
    const alice = await loggedIn('alice');
    const bob = await loggedIn('bob');
    const chat = server.startChat('Microfilm readers?');
    await until(() => Boolean(alice.store.getState().chats[chat.id]), 'the chat at alice');
    await alice.store.getState().previewChat(chat.id);
    await bob.store.getState().claimChat(chat.id);
    await bob.store.getState().endChat(chat.id);
    await until(() => alice.store.getState().chats[chat.id]?.status === 'ended', 'the end at alice');
    expect(recordsNaming(alice.store.getState(), chat.id)).toContain('messages');

    alice.store.getState().setLeftTab('transcripts');
    alice.store.setState({ openChatId: null });
    expect(recordsNaming(alice.store.getState(), chat.id)).toEqual([]);
    expect(alice.connection().heldSizes()).toEqual({ known: 0, loaded: 0 });
  });

  it('a day of chats leaves the console holding only what is on screen', async () => {
    const alice = await loggedIn('alice');
    const sizesAfter: number[] = [];
    for (let n = 1; n <= 12; n++) {
      const chat = await answeredAndEnded(alice, `Question ${n}`);
      await alice.store
        .getState()
        .saveAnalytics({ chatId: chat.id, questionTypeId: 'directional', timeSpentMinutes: 1 });
      const state = alice.store.getState();
      const held = PER_CHAT_KEYS.reduce((sum, key) => sum + Object.keys(state[key]).length, 0);
      const { known, loaded } = alice.connection().heldSizes();
      sizesAfter.push(held + known + loaded);
    }
    // The one chat on screen (its summary, messages, history) and nothing of the earlier ones.
    expect(new Set(sizesAfter.slice(2)).size).toBe(1);
    expect(alice.connection().heldSizes()).toEqual({ known: 1, loaded: 1 });
  });
});
