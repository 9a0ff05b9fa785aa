import { chatAccessOf, isOwner } from '../../src/domain/chat-access';
import { countChats, type ChatCounter } from '../../src/domain/chat-stats';
import type { ChatSummary, Message } from '../../src/protocol';
import type { ConsoleState } from './console-state';

/**
 * Selectors for components. The ones returning fresh arrays are meant for
 * `useShallow`, which re-renders only when the items themselves change.
 */

/**
 * A waiting chat whose patron has gone (the widget closed or lost its connection): shown as "Left" in
 * Patron Chats, but no longer counted as new, in the title or the tray, nor chirped about. Stored by
 * the server after a short settle, and heard at once from its presence notice.
 */
export const patronLeftQueue = (state: Pick<ConsoleState, 'patronPresence'>, chat: ChatSummary): boolean =>
  chat.status === 'waiting' &&
  ((chat.patronAwaySince ?? null) !== null || state.patronPresence[chat.id]?.state === 'away');

/** Waiting chats someone should claim: their patron is still there. */
export const selectChatsToClaim = (state: ConsoleState): ChatSummary[] =>
  Object.values(state.chats).filter((chat) => chat.status === 'waiting' && !patronLeftQueue(state, chat));

/** The chats this operator is answering now. */
export const selectChatsInProgress = (state: ConsoleState): ChatSummary[] => {
  const me = state.operator?.id;
  return me ? Object.values(state.chats).filter((chat) => chat.status === 'active' && chat.ownerId === me) : [];
};

/** Patron Chats: chats waiting to be claimed, the longest-waiting first. */
export const selectWaitingChats = (state: ConsoleState): ChatSummary[] =>
  Object.values(state.chats)
    .filter((chat) => chat.status === 'waiting')
    .sort((a, b) => a.createdAt - b.createdAt);

/** My chats: the ones I am answering, then my ended ones still missing their analytics entry. */
export const selectMyChats = (state: ConsoleState): ChatSummary[] => {
  const me = state.operator?.id;
  if (!me) return [];
  return Object.values(state.chats)
    .filter((chat) => isOwner(chatAccessOf(chat), me) && (chat.status === 'active' || !chat.hasAnalytics))
    .sort((a, b) => rank(a) - rank(b) || (a.claimedAt ?? a.createdAt) - (b.claimedAt ?? b.createdAt));
};

const rank = (chat: ChatSummary) => (chat.status === 'active' ? 0 : 1);

/** The stats counter: in progress, new, mine. Compare with `shallow`: it is a fresh object each time. */
export const selectCounter = (state: ConsoleState): ChatCounter =>
  countChats(
    Object.values(state.chats).filter((chat) => !patronLeftQueue(state, chat)),
    state.operator?.id ?? '',
  );

export const selectOpenChat = (state: ConsoleState): ChatSummary | null =>
  state.openChatId ? (state.chats[state.openChatId] ?? null) : null;

const NO_MESSAGES: readonly Message[] = [];
export const selectMessages =
  (chatId: string) =>
  (state: ConsoleState): readonly Message[] =>
    state.messages[chatId] ?? NO_MESSAGES;

/** Whether the operator owns the chat (answers it), as the access rules say. */
export const selectIsMine = (state: ConsoleState, chat: ChatSummary): boolean =>
  state.operator !== null && isOwner(chatAccessOf(chat), state.operator.id);
