// @vitest-environment jsdom
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Server, type Socket } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperatorConnection } from '../../src/client/operator-connection';
import { fail, ok } from '../../src/protocol/ack';
import type { ChatSummary, Message, OperatorProfile, PatronHistoryEntry } from '../../src/protocol/models';
import type { OperatorClientEvents, OperatorServerEvents } from '../../src/protocol/operator-contract';
import { ConsoleApp } from '../../renderer/features/app/console-app';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import { ConsoleStoreProvider } from '../../renderer/store/store-context';
import { chatSummaryOf, patronOf } from './chat-fixtures';
import { RecordingBridge } from './renderer-test-kit';

const ALICE: OperatorProfile = {
  id: 'op-alice',
  username: 'alice',
  displayName: 'Alice',
  role: 'operator',
  departmentIds: ['general'],
};

const PATRON = patronOf({
  email: 'pat@example.org',
  ip: '203.0.113.7',
  pageUrl: 'https://library.example/',
  browser: 'Chrome 120 on Linux',
});

function chatOf(id: string, overrides: Partial<ChatSummary>): ChatSummary {
  return chatSummaryOf({
    id,
    departmentId: 'general',
    status: 'ended',
    question: 'A question',
    patron: PATRON,
    ownerId: 'op-bob',
    ownerName: 'Bob',
    createdAt: Date.UTC(2026, 0, 5, 15),
    claimedAt: Date.UTC(2026, 0, 5, 15, 1),
    endedAt: Date.UTC(2026, 0, 5, 15, 20),
    endedBy: 'operator',
    lastSeq: 2,
    hasAnalytics: true,
    ...overrides,
  });
}

/** Pat is back: the chat Alice answers now, an earlier one Bob answered (same email), one nobody did (same browser). */
const NOW = chatOf('chat-now', {
  status: 'active',
  question: 'Can I renew the atlas I borrowed last week?',
  ownerId: ALICE.id,
  ownerName: 'Alice',
  createdAt: Date.UTC(2026, 0, 9, 10),
  endedAt: null,
  endedBy: null,
  hasAnalytics: false,
});
const ATLAS = chatOf('chat-atlas', {
  question: 'Where do you keep the local history atlases of the county, the big ones from the nineteenth century?',
  departmentName: 'Local History',
});
const LEFT = chatOf('chat-left', {
  question: 'Is the library open on Sunday?',
  ownerId: null,
  ownerName: null,
  claimedAt: null,
  endedBy: 'patron',
  createdAt: Date.UTC(2026, 0, 2, 9),
});
/** Someone else, asking for the first time. */
const NEWCOMER = chatOf('chat-newcomer', {
  status: 'active',
  question: 'Do you have study rooms?',
  patron: { ...PATRON, name: 'Sam Newcomer', email: 'newcomer@example.org' },
  ownerId: ALICE.id,
  ownerName: 'Alice',
  endedAt: null,
  endedBy: null,
  hasAnalytics: false,
});

const entryOf = (chat: ChatSummary, match: PatronHistoryEntry['match']): PatronHistoryEntry => ({
  chatId: chat.id,
  departmentName: chat.departmentName,
  question: chat.question,
  status: chat.status,
  ownerName: chat.ownerName,
  createdAt: chat.createdAt,
  endedAt: chat.endedAt,
  match,
});

const HISTORY: Record<string, PatronHistoryEntry[]> = {
  'chat-now': [entryOf(ATLAS, 'email'), entryOf(LEFT, 'browser')],
};

const messageOf = (chatId: string, seq: number, authorKind: Message['authorKind'], body: string): Message => ({
  id: `${chatId}-m${seq}`,
  chatId,
  seq,
  authorKind,
  authorId: authorKind === 'operator' ? 'op-bob' : null,
  authorName: authorKind === 'operator' ? 'Bob' : 'Pat Reader',
  body,
  createdAt: Date.UTC(2026, 0, 5, 15, seq),
});

const MESSAGES: Record<string, Message[]> = {
  'chat-now': [messageOf('chat-now', 1, 'patron', NOW.question)],
  'chat-atlas': [
    messageOf('chat-atlas', 1, 'patron', ATLAS.question),
    messageOf('chat-atlas', 2, 'operator', 'They are in the map room, drawer 12.'),
  ],
  'chat-left': [messageOf('chat-left', 1, 'patron', LEFT.question)],
  'chat-newcomer': [messageOf('chat-newcomer', 1, 'patron', NEWCOMER.question)],
};

type TestSocket = Socket<OperatorClientEvents, OperatorServerEvents>;

/** A tiny real `/operator` server: a sync with Alice's two chats, and transcripts that carry the patron history. */
async function startServer() {
  const http = createServer();
  const io = new Server(http);
  const chats = new Map([NOW, ATLAS, LEFT, NEWCOMER].map((chat) => [chat.id, chat]));
  const transcriptRequests: string[] = [];
  /** Chats whose next transcript request fails (once). */
  const failNext = new Set<string>();
  io.of('/operator').on('connection', (raw) => {
    const socket = raw as TestSocket;
    socket.on('console:sync', (_request, ack) =>
      ack(
        ok({
          me: ALICE,
          status: 'online',
          departments: [],
          questionTypes: [],
          patronFields: [],
          chats: [NOW, NEWCOMER],
          missed: [...MESSAGES['chat-now']!, ...MESSAGES['chat-newcomer']!],
          operators: [],
        }),
      ),
    );
    socket.on('chat:transcript', (request, ack) => {
      transcriptRequests.push(request.chatId);
      const chat = chats.get(request.chatId);
      if (!chat) return ack(fail('NOT_FOUND', 'No such chat.'));
      if (failNext.delete(chat.id)) return ack(fail('INTERNAL', 'The transcript could not be read.'));
      ack(
        ok({
          chat,
          messages: MESSAGES[chat.id] ?? [],
          analytics: null,
          patronHistory: HISTORY[chat.id] ?? [],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    transcriptRequests,
    failNextTranscript: (chatId: string) => void failNext.add(chatId),
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}

let server: Awaited<ReturnType<typeof startServer>>;
let store: ConsoleStore;

beforeEach(async () => {
  server = await startServer();
  // The browser console's way: the session is already there (its cookie), so the console opens logged in.
  store = createConsoleStore({
    api: { logIn: () => Promise.reject(new Error('not used')), logOut: async () => {}, me: async () => ALICE },
    bridge: new RecordingBridge('web'),
    now: () => Date.now(),
    createConnection: () =>
      new OperatorConnection({
        url: server.url,
        token: 'alice-token',
        // Long enough that a loaded machine never times a request out and asks again (the counts below).
        requestTimeoutMs: 10_000,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
      }),
  });
});

afterEach(async () => {
  cleanup();
  store.dispose();
  await server.close();
});

async function openConsole() {
  render(
    <ConsoleStoreProvider store={store}>
      <ConsoleApp />
    </ConsoleStoreProvider>,
  );
  await screen.findByRole('heading', { name: 'My chats' });
  await waitFor(() => expect(store.getState().connection).toBe('connected'));
}

async function openPatronInfo(patronName: string) {
  const myChats = screen.getByRole('list', { name: 'My chats' });
  fireEvent.click(await within(myChats).findByRole('button', { name: patronName }));
  const chat = screen.getByRole('region', { name: patronName });
  fireEvent.click(within(chat).getByRole('tab', { name: 'Patron info' }));
  return chat;
}

describe('the patron info tab of a returning patron', () => {
  it('lists their earlier chats with date, department, question, who answered and how they were recognised', async () => {
    await openConsole();
    const chat = await openPatronInfo('Pat Reader');
    const earlier = await within(chat).findByRole('list', { name: 'Earlier chats' });
    expect(within(chat).getByRole('heading', { name: 'Earlier chats' })).toBeTruthy();

    const rows = within(earlier).getAllByRole('listitem');
    expect(rows.map((row) => row.getAttribute('data-chat-id'))).toEqual(['chat-atlas', 'chat-left']);
    const [atlas, left] = rows as [HTMLElement, HTMLElement];
    // The question's first words name the link; the whole question would not fit the row.
    const atlasLink = within(atlas).getByRole('button');
    expect(atlasLink.textContent).toMatch(/^Where do you keep the local history atlases of the county,.*…$/);
    expect(atlasLink.textContent!.length).toBeLessThan(ATLAS.question.length);
    expect(atlas.textContent).toContain('Local History');
    expect(atlas.textContent).toContain('Answered by Bob');
    expect(atlas.textContent).toContain('Recognised by the same email');
    expect(atlas.querySelector('time')?.getAttribute('dateTime')).toBe(new Date(ATLAS.createdAt).toISOString());
    expect(within(left).getByRole('button', { name: 'Is the library open on Sunday?' })).toBeTruthy();
    expect(left.textContent).toContain('Not answered');
    expect(left.textContent).toContain('Recognised by the same browser');
    // The chat was restored by the sync: the tab asked for its history once.
    expect(server.transcriptRequests).toEqual(['chat-now']);
  });

  it('opens an earlier chat’s transcript in the right panel, and the chat is one click away again', async () => {
    await openConsole();
    const chat = await openPatronInfo('Pat Reader');
    const earlier = await within(chat).findByRole('list', { name: 'Earlier chats' });
    fireEvent.click(within(earlier).getByRole('button', { name: /^Where do you keep the local history atlases/ }));

    const transcript = await screen.findByRole('region', { name: 'Transcript: Pat Reader' });
    expect(transcript.getAttribute('data-chat-id')).toBe('chat-atlas');
    const log = within(transcript).getByRole('log', { name: 'Transcript' });
    await waitFor(() => expect(within(log).getByText('They are in the map room, drawer 12.')).toBeTruthy());
    expect(within(log).queryByText(NOW.question)).toBeNull();
    // The earlier chat has no earlier chats of its own.
    expect(within(transcript).getByText('No earlier chats')).toBeTruthy();

    // Back to the chat being answered: its row under My chats, on the tab it was left on.
    fireEvent.click(within(screen.getByRole('list', { name: 'My chats' })).getByRole('button', { name: 'Pat Reader' }));
    const back = screen.getByRole('region', { name: 'Pat Reader' });
    expect(back.getAttribute('data-chat-id')).toBe('chat-now');
    expect(within(back).getByRole('tab', { name: 'Patron info' }).getAttribute('aria-selected')).toBe('true');
    expect(within(back).getByRole('list', { name: 'Earlier chats' })).toBeTruthy();
    // What is held is not asked for again.
    expect(server.transcriptRequests.filter((id) => id === 'chat-now')).toHaveLength(1);
  });

  it('says "No earlier chats" for a patron asking for the first time', async () => {
    await openConsole();
    const chat = await openPatronInfo('Sam Newcomer');
    await within(chat).findByText('No earlier chats');
    expect(within(chat).queryByRole('list', { name: 'Earlier chats' })).toBeNull();
    expect(server.transcriptRequests).toEqual(['chat-newcomer']);
  });

  it('shows the history a claim brought without asking the server again', async () => {
    await openConsole();
    act(() =>
      store.setState((state) => ({ patronHistory: { ...state.patronHistory, 'chat-now': [entryOf(LEFT, 'email')] } })),
    );
    const chat = await openPatronInfo('Pat Reader');
    const earlier = within(chat).getByRole('list', { name: 'Earlier chats' });
    expect(
      within(earlier)
        .getAllByRole('listitem')
        .map((row) => row.getAttribute('data-chat-id')),
    ).toEqual(['chat-left']);
    expect(server.transcriptRequests).toEqual([]);
  });

  it('says when the earlier chats could not be looked up, and Try again asks once more', async () => {
    server.failNextTranscript('chat-now');
    await openConsole();
    const chat = await openPatronInfo('Pat Reader');
    const alert = await within(chat).findByRole('alert');
    expect(alert.textContent).toBe('The earlier chats could not be looked up.');
    expect(within(chat).queryByText('No earlier chats')).toBeNull();

    fireEvent.click(within(chat).getByRole('button', { name: 'Try again' }));
    const earlier = await within(chat).findByRole('list', { name: 'Earlier chats' });
    expect(within(earlier).getAllByRole('listitem')).toHaveLength(2);
    expect(within(chat).queryByRole('alert')).toBeNull();
    expect(server.transcriptRequests).toEqual(['chat-now', 'chat-now']);
  });
});
