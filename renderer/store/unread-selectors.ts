import { chatAccessOf, isOwner } from '../../src/domain/chat-access';
import type { Message, ReadMark, StaffMessage } from '../../src/protocol';
import type { ConsoleState } from './console-state';
import { firstWords } from './new-chat-alert';

/** What the left column shows of a chat's unread messages. */
export interface Unread {
  count: number;
  /** The first words of the newest message from the other side (empty when there is none). */
  preview: string;
}

const NOTHING: Unread = { count: 0, preview: '' };
const PREVIEW_LENGTH = 60;

/**
 * Whether a patron chat's message is "from the other side": the patron's own
 * words, and the one system line that needs the librarian (the patron left).
 * Joins, claims and transfers are the staff's own doing and are not counted.
 */
export function countsForLibrarian(message: Message): boolean {
  return message.authorKind === 'patron' || message.event?.type === 'patron-left';
}

function unreadOf<M extends { seq: number; body: string }>(
  messages: readonly M[] | undefined,
  mark: number,
  fromOtherSide: (message: M) => boolean,
): Unread {
  if (!messages) return NOTHING;
  let count = 0;
  let newest: M | undefined;
  for (const message of messages) {
    if (!fromOtherSide(message)) continue;
    newest = message;
    if (message.seq > mark) count += 1;
  }
  return count === 0 && !newest ? NOTHING : { count, preview: newest ? firstWords(newest.body, PREVIEW_LENGTH) : '' };
}

/** A patron chat's unread messages (after this operator's read mark) and its last words from the patron. */
export const unreadOfChat = (state: ConsoleState, chatId: string): Unread =>
  unreadOf(state.messages[chatId], state.readMarks.chat[chatId] ?? 0, countsForLibrarian);

/** A staff chat's unread messages from the colleague, and the colleague's last words. */
export const unreadOfStaffChat = (state: ConsoleState, staffChatId: string): Unread => {
  const me = state.operator?.id;
  return unreadOf<StaffMessage>(
    state.staffMessages[staffChatId],
    state.readMarks.staff[staffChatId] ?? 0,
    (message) => message.authorId !== me,
  );
};

/** The staff chat with a colleague, when this console knows it. */
export const staffChatIdWith = (state: ConsoleState, colleagueId: string): string | undefined =>
  Object.keys(state.staffPeers).find((staffChatId) => state.staffPeers[staffChatId]?.id === colleagueId);

/** My active chats: the ones whose unread messages count (an ended chat has nobody left to answer). */
const myActiveChatIds = (state: ConsoleState): string[] => {
  const me = state.operator?.id;
  if (!me) return [];
  return Object.values(state.chats)
    .filter((chat) => chat.status === 'active' && isOwner(chatAccessOf(chat), me))
    .map((chat) => chat.id);
};

/** Every unread message waiting for this operator: in my active chats and my staff chats. */
export const selectUnreadTotal = (state: ConsoleState): number =>
  myActiveChatIds(state).reduce((sum, chatId) => sum + unreadOfChat(state, chatId).count, 0) +
  Object.keys(state.staffPeers).reduce((sum, staffChatId) => sum + unreadOfStaffChat(state, staffChatId).count, 0);

/** Whether an unread message of this chat counts for this operator at all (the chat is one of my active ones). */
export const countsAsMine = (state: ConsoleState, kind: ReadMark['kind'], id: string): boolean =>
  kind === 'staff' ? id in state.staffPeers : myActiveChatIds(state).includes(id);

/**
 * The chat or staff chat the librarian is reading now: on screen, in a
 * console that is visible and focused. Null when they look elsewhere.
 */
export const selectReading = (state: ConsoleState): Omit<ReadMark, 'seq'> | null => {
  if (!state.attending || state.settingsOpen || state.cannedOpen || state.adminOpen || state.reportsOpen) return null;
  if (state.rightView === 'chat' && state.openChatId && state.chatTab === 'chat') {
    return { kind: 'chat', id: state.openChatId };
  }
  const staff = state.staffChat;
  if (state.rightView === 'staff' && staff?.chat && !staff.review) return { kind: 'staff', id: staff.chat.id };
  return null;
};

/** The newest sequence number held of a chat or staff chat (0 when none). */
export const newestSeq = (state: ConsoleState, target: Omit<ReadMark, 'seq'>): number =>
  (target.kind === 'chat' ? state.messages[target.id] : state.staffMessages[target.id])?.at(-1)?.seq ?? 0;
