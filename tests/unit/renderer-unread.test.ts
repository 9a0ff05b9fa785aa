import { afterEach, describe, expect, it } from 'vitest';
import type { Message, StaffMessage } from '../../src/protocol';
import type { ConsoleState } from '../../renderer/store/console-state';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import {
  selectReading,
  selectUnreadTotal,
  staffChatIdWith,
  unreadOfChat,
  unreadOfStaffChat,
} from '../../renderer/store/unread-selectors';
import { withReadMark } from '../../renderer/store/unread-slice';
import { chatSummaryOf } from './chat-fixtures';
import { fakeApi, RecordingBridge } from './renderer-test-kit';

const ALICE = { id: 'op-alice', username: 'alice', displayName: 'Alice', role: 'operator' as const, departmentIds: [] };

function patronLine(seq: number, body: string): Message {
  return {
    id: `m${seq}`,
    chatId: 'chat-1',
    seq,
    authorKind: 'patron',
    authorId: null,
    authorName: 'Pat',
    body,
    createdAt: seq,
  };
}
function systemLine(seq: number, body: string, event?: Message['event']): Message {
  return {
    id: `m${seq}`,
    chatId: 'chat-1',
    seq,
    authorKind: 'system',
    authorId: null,
    authorName: 'Deskbell',
    body,
    createdAt: seq,
    ...(event ? { event } : {}),
  };
}
function aliceLine(seq: number, body: string): Message {
  return {
    id: `m${seq}`,
    chatId: 'chat-1',
    seq,
    authorKind: 'operator',
    authorId: ALICE.id,
    authorName: 'Alice',
    body,
    createdAt: seq,
  };
}
function staffLine(seq: number, authorId: string, body: string): StaffMessage {
  return {
    id: `s${seq}`,
    staffChatId: 'staff-1',
    seq,
    authorId,
    authorName: authorId === ALICE.id ? 'Alice' : 'Bob',
    body,
    createdAt: seq,
  };
}

let store: ConsoleStore | null = null;
afterEach(() => {
  store?.dispose();
  store = null;
});

/** A logged-in console's state with Alice's chat with Pat and her staff chat with Bob. */
function deskWith(overrides: Partial<ConsoleState> = {}): ConsoleState {
  store = createConsoleStore({
    api: fakeApi(),
    bridge: new RecordingBridge('web'),
    now: () => 0,
    createConnection: () => {
      throw new Error('these tests never connect');
    },
  });
  store.setState({
    phase: 'logged-in',
    operator: ALICE,
    chats: { 'chat-1': chatSummaryOf({ id: 'chat-1', patron: { ...chatSummaryOf().patron, name: 'Pat' } }) },
    messages: {
      'chat-1': [
        systemLine(1, 'Alice has joined the chat.', { type: 'joined', operator: { id: ALICE.id, name: 'Alice' } }),
        patronLine(2, 'Hello?'),
        aliceLine(3, 'Hello Pat, one moment.'),
        patronLine(4, 'Thanks, I need the 1890s county atlases for a school project on the old harbour'),
        systemLine(5, 'Pat left the chat.', { type: 'patron-left' }),
      ],
    },
    staffPeers: { 'staff-1': { id: 'op-bob', name: 'Bob' } },
    staffMessages: {
      'staff-1': [
        staffLine(1, 'op-bob', 'Can you take a patron?'),
        staffLine(2, ALICE.id, 'Yes'),
        staffLine(3, 'op-bob', 'Thanks!'),
      ],
    },
    ...overrides,
  });
  return store.getState();
}

describe('unread messages', () => {
  it('counts the patron’s words and their leaving after the read mark, not the librarian’s own lines or joins', () => {
    const unread = unreadOfChat(deskWith({ readMarks: { chat: { 'chat-1': 2 }, staff: {} } }), 'chat-1');
    expect(unread.count).toBe(2);
    // The first words of the newest line from the patron's side, cut with an ellipsis.
    expect(unread.preview).toBe('Pat left the chat.');
    const earlier = unreadOfChat(
      deskWith({ messages: { 'chat-1': [patronLine(1, 'Hello?'), patronLine(2, 'x '.repeat(80))] } }),
      'chat-1',
    );
    expect(earlier.count).toBe(2);
    expect(earlier.preview.endsWith('…')).toBe(true);
    expect(earlier.preview.length).toBeLessThanOrEqual(60);
  });

  it('a chat read to its newest message has no count but keeps the patron’s last words', () => {
    expect(unreadOfChat(deskWith({ readMarks: { chat: { 'chat-1': 5 }, staff: {} } }), 'chat-1')).toEqual({
      count: 0,
      preview: 'Pat left the chat.',
    });
  });

  it('counts a colleague’s staff messages after the mark, never one’s own', () => {
    const state = deskWith({ readMarks: { chat: {}, staff: { 'staff-1': 1 } } });
    expect(unreadOfStaffChat(state, 'staff-1')).toEqual({ count: 1, preview: 'Thanks!' });
    expect(staffChatIdWith(state, 'op-bob')).toBe('staff-1');
  });

  it('the title and tray count every unread message of my active chats and staff chats; an ended chat no longer counts', () => {
    expect(selectUnreadTotal(deskWith())).toBe(3 + 2);
    const ended = deskWith({ chats: { 'chat-1': chatSummaryOf({ id: 'chat-1', status: 'ended' }) } });
    expect(selectUnreadTotal(ended)).toBe(2);
  });

  it('what is on screen counts as read only while the console is visible and focused', () => {
    expect(selectReading(deskWith({ openChatId: 'chat-1', rightView: 'chat' }))).toEqual({
      kind: 'chat',
      id: 'chat-1',
    });
    expect(selectReading(deskWith({ openChatId: 'chat-1', rightView: 'chat', attending: false }))).toBeNull();
    expect(selectReading(deskWith({ openChatId: 'chat-1', rightView: 'chat', chatTab: 'patron-info' }))).toBeNull();
    expect(selectReading(deskWith({ openChatId: 'chat-1', rightView: 'chat', settingsOpen: true }))).toBeNull();
    const staffChat = { id: 'staff-1', members: [], createdAt: 0, lastSeq: 3, lastMessageAt: 3 };
    expect(
      selectReading(
        deskWith({
          rightView: 'staff',
          staffChat: { operatorId: 'op-bob', name: 'Bob', chat: staffChat, error: null },
        }),
      ),
    ).toEqual({ kind: 'staff', id: 'staff-1' });
    // A supervisor reviewing colleagues' staff chat is not reading one of hers.
    expect(
      selectReading(
        deskWith({
          rightView: 'staff',
          staffChat: { operatorId: '', name: 'A and B', chat: staffChat, error: null, review: true },
        }),
      ),
    ).toBeNull();
  });

  it('a read mark never goes back (a late answer, another window)', () => {
    const marks = withReadMark({ chat: {}, staff: {} }, { kind: 'chat', id: 'chat-1', seq: 5 });
    expect(withReadMark(marks, { kind: 'chat', id: 'chat-1', seq: 3 })).toBe(marks);
    expect(withReadMark(marks, { kind: 'staff', id: 'staff-1', seq: 2 })).toEqual({
      chat: { 'chat-1': 5 },
      staff: { 'staff-1': 2 },
    });
  });

  it('“Open chat” on an in-page alert opens the chat and takes the alert down', () => {
    deskWith({ pageAlerts: [{ id: 'chat-1', kind: 'chat', from: 'Pat', preview: 'Hello?' }] });
    store!.getState().openFromAlert('chat', 'chat-1');
    expect(store!.getState().openChatId).toBe('chat-1');
    expect(store!.getState().pageAlerts).toEqual([]);
  });
});
