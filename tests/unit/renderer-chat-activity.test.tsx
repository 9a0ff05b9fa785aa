// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatSummary, OperatorProfile, TypingNotice } from '../../src/protocol';
import { ChatPane } from '../../renderer/features/chat-pane/chat-pane';
import { presenceText } from '../../renderer/features/chat-pane/patron-presence-notice';
import { TYPING_QUIET_MS } from '../../src/client/calm-line';
import { typingText } from '../../renderer/features/chat-pane/typing-indicator';
import { TYPING_STALE_MS } from '../../src/client/typing-signal';
import { withPatronPresence, withTypingNotice } from '../../renderer/store/activity-slice';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import { ConsoleStoreProvider } from '../../renderer/store/store-context';
import { chatSummaryOf } from './chat-fixtures';
import { fakeApi, RecordingBridge } from './renderer-test-kit';

const ALICE: OperatorProfile = {
  id: 'op-alice',
  username: 'alice',
  displayName: 'Alice',
  role: 'operator',
  departmentIds: ['general-reference'],
};

function chatWith(overrides: Partial<ChatSummary> = {}): ChatSummary {
  return chatSummaryOf({ ownerId: ALICE.id, ...overrides });
}

const patronTyping = (typing: boolean, chatId = 'chat-1'): TypingNotice => ({
  chatId,
  typing,
  authorKind: 'patron',
  name: 'Pat Reader',
  operatorId: null,
});
const operatorTyping = (id: string, name: string, typing = true): TypingNotice => ({
  chatId: 'chat-1',
  typing,
  authorKind: 'operator',
  name,
  operatorId: id,
});

let store: ConsoleStore;

beforeEach(() => {
  store = createConsoleStore({
    api: fakeApi(),
    bridge: new RecordingBridge(),
    now: () => Date.now(),
    createConnection: () => {
      throw new Error('these tests drive the store directly');
    },
  });
});

afterEach(() => {
  cleanup();
  store.dispose();
  vi.useRealTimers();
});

/** Alice is logged in with this chat open in the right panel. */
function openChat(chat: ChatSummary) {
  store.setState({ operator: ALICE, chats: { [chat.id]: chat }, openChatId: chat.id, chatTab: 'chat' });
  render(
    <ConsoleStoreProvider store={store}>
      <ChatPane />
    </ConsoleStoreProvider>,
  );
}

/** What connection-binding.ts does with a chat:typing event from the server. */
function hear(notice: TypingNotice) {
  act(() => store.setState((state) => ({ typing: withTypingNotice(state.typing, notice, Date.now()) })));
}

const indicator = () => document.querySelector<HTMLElement>('[data-typing-indicator]')!;

describe('the typing indicator in the open chat', () => {
  it('shows "<patron> is typing…" under the messages and empties when they stop', () => {
    openChat(chatWith());
    expect(indicator().textContent).toBe('');
    hear(patronTyping(true));
    expect(indicator().textContent).toBe('Pat Reader is typing…');
    // Below the message log, above the reply box.
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log.compareDocumentPosition(indicator()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const reply = screen.getByLabelText('Reply');
    expect(indicator().compareDocumentPosition(reply) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    hear(patronTyping(false));
    expect(indicator().textContent).toBe('');
  });

  it('drops a typist whose "stopped" was lost once the signal is too old to trust', () => {
    vi.useFakeTimers();
    openChat(chatWith());
    hear(patronTyping(true));
    expect(indicator().textContent).toBe('Pat Reader is typing…');
    act(() => vi.advanceTimersByTime(TYPING_STALE_MS - 2000));
    expect(indicator().textContent).toBe('Pat Reader is typing…');
    act(() => vi.advanceTimersByTime(3000));
    expect(indicator().textContent).toBe('');
  });

  it('names a colleague typing in a group chat, but never my own typing from another window', () => {
    openChat(chatWith({ participants: [{ id: 'op-bob', name: 'Bob' }] }));
    hear(operatorTyping(ALICE.id, 'Alice'));
    expect(indicator().textContent).toBe('');
    hear(operatorTyping('op-bob', 'Bob'));
    expect(indicator().textContent).toBe('Bob is typing…');
    hear(patronTyping(true));
    expect(indicator().textContent).toBe('Bob and Pat Reader are typing…');
  });

  it('shows the patron typing in the preview of a waiting chat', () => {
    openChat(chatWith({ status: 'waiting', ownerId: null, ownerName: null, claimedAt: null }));
    expect(screen.getByRole('button', { name: 'Claim Chat' })).toBeTruthy();
    hear(patronTyping(true));
    expect(indicator().textContent).toBe('Pat Reader is typing…');
  });

  it('ignores typing in other chats', () => {
    openChat(chatWith());
    hear(patronTyping(true, 'chat-2'));
    expect(indicator().textContent).toBe('');
  });

  it('lets a screen reader hear the same typist once, not at every pause, and again after a quiet while', () => {
    vi.useFakeTimers();
    openChat(chatWith());
    hear(patronTyping(true));
    expect(indicator().getAttribute('aria-live')).toBe('polite');
    hear(patronTyping(false));
    // The patron pauses and goes on typing: the line shows again, silently.
    hear(patronTyping(true));
    expect(indicator().textContent).toBe('Pat Reader is typing…');
    expect(indicator().getAttribute('aria-live')).toBe('off');
    hear(patronTyping(false));
    act(() => vi.advanceTimersByTime(TYPING_QUIET_MS));
    hear(patronTyping(true));
    expect(indicator().getAttribute('aria-live')).toBe('polite');
  });

  it('words one, two and three typists', () => {
    expect(typingText([])).toBe('');
    expect(typingText(['Pat'])).toBe('Pat is typing…');
    expect(typingText(['Pat', 'Bob'])).toBe('Pat and Bob are typing…');
    expect(typingText(['Pat', 'Bob', 'Sam'])).toBe('Pat, Bob and Sam are typing…');
  });
});

describe('the patron presence notice', () => {
  const presence = () => document.querySelector<HTMLElement>('[data-patron-presence]')!;
  const tell = (state: 'away' | 'back' | 'left') =>
    act(() =>
      store.setState((s) => ({
        patronPresence: withPatronPresence(s.patronPresence, { chatId: 'chat-1', state, at: Date.now() }),
      })),
    );

  it('is an empty status while the patron is connected', () => {
    openChat(chatWith());
    expect(presence().getAttribute('role')).toBe('status');
    expect(presence().getAttribute('data-patron-presence')).toBe('here');
    expect(presence().textContent).toBe('');
  });

  it('says the patron is away, then that they are back, and the chat goes on', () => {
    openChat(chatWith());
    tell('away');
    const notice = presence();
    expect(notice.getAttribute('data-patron-presence')).toBe('away');
    expect(notice.textContent).toBe(
      'Pat Reader lost the connection or closed the chat window. The chat continues if they come back.',
    );
    expect(screen.getByLabelText('Reply')).toBeTruthy();
    tell('back');
    expect(presence().getAttribute('data-patron-presence')).toBe('here');
    expect(presence().textContent).toBe('');
  });

  it('says the patron left, and End Chat stays there for the librarian answering', () => {
    openChat(chatWith());
    tell('left');
    expect(presence().getAttribute('data-patron-presence')).toBe('left');
    expect(presence().textContent).toBe('Pat Reader left the chat. You can End Chat.');
    const pane = screen.getByRole('region', { name: 'Pat Reader' });
    expect(within(pane).getByRole('button', { name: 'End Chat' })).toBeTruthy();
  });

  it('tells a colleague previewing a waiting chat that its patron has gone, without offering End Chat', () => {
    openChat(chatWith({ status: 'waiting', ownerId: null, ownerName: null, claimedAt: null }));
    tell('left');
    expect(presence().textContent).toBe('Pat Reader left the chat.');
    expect(screen.queryByRole('button', { name: 'End Chat' })).toBeNull();
  });

  it('says nothing once the chat has ended', () => {
    openChat(chatWith({ status: 'ended', endedAt: 3, endedBy: 'operator' }));
    tell('left');
    expect(presence().getAttribute('data-patron-presence')).toBe('here');
    expect(presence().textContent).toBe('');
  });

  it('names an anonymous patron in words a librarian would use', () => {
    expect(presenceText('away', 'Anonymous patron', true)).toMatch(/^Anonymous patron lost the connection/);
    expect(presenceText('here', 'Pat', true)).toBe('');
  });
});
