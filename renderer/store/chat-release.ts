import type { StoreApi } from 'zustand';
import type { OperatorConnection } from '../../src/client/operator-connection';
import type { ConsoleState } from './console-state';

/** Every part of the store that holds something per patron chat, keyed by the chat's id. */
export const PER_CHAT_KEYS = [
  'chats',
  'claimNotes',
  'busy',
  'patronHistory',
  'messages',
  'pending',
  'refused',
  'actionErrors',
  'typing',
  'patronPresence',
  'transferBusy',
] as const satisfies ReadonlyArray<keyof ConsoleState>;

type PerChatKey = (typeof PER_CHAT_KEYS)[number];
type PerChatRecords = Pick<ConsoleState, PerChatKey>;

/**
 * The chats the console may let go of now. A console open all day sees
 * hundreds of chats end; holding each one's messages, notes and history
 * until log-out made its page grow all day. A chat is let go of when the
 * console no longer shows it and nothing is left to do in it:
 * - it ended and its analytics entry is saved, or it is someone else's
 *   (the owner saves the entry), or it is no longer among the chats at all
 *   (what is left of it is leftovers);
 * - it is not on screen: not the open chat, not the transcript, not the
 *   analytics dialog's chat, with no action or reply of this console on its way.
 * An ended chat of mine still missing its analytics entry stays (My Chats lists it).
 */
export function releasableChatIds(state: ConsoleState): string[] {
  const me = state.operator?.id;
  const ids = new Set<string>();
  for (const key of PER_CHAT_KEYS) for (const chatId of Object.keys(state[key])) ids.add(chatId);
  const onScreen = new Set([state.openChatId, state.transcript?.chatId, state.analytics?.chatId]);
  return [...ids].filter((chatId) => {
    if (onScreen.has(chatId) || state.busy[chatId] || state.transferBusy[chatId]) return false;
    if ((state.pending[chatId]?.length ?? 0) > 0) return false;
    const chat = state.chats[chatId];
    if (!chat) return true;
    return chat.status === 'ended' && (chat.hasAnalytics || chat.ownerId !== me);
  });
}

/** The store's per-chat records without these chats (the same record where none of them is held). */
export function withoutChats(state: PerChatRecords, chatIds: readonly string[]): Partial<PerChatRecords> {
  const next: Partial<Record<PerChatKey, Record<string, unknown>>> = {};
  for (const key of PER_CHAT_KEYS) {
    const record: Record<string, unknown> = state[key];
    if (!chatIds.some((chatId) => chatId in record)) continue;
    const copy = { ...record };
    for (const chatId of chatIds) delete copy[chatId];
    next[key] = copy;
  }
  return next as Partial<PerChatRecords>;
}

/**
 * Releases chats as soon as they may go (see `releasableChatIds`): from the
 * connection (which stops following them: no sync lists them, their messages
 * and summary are dropped) and from every per-chat record of the store.
 * Opening one again (Transcripts, a patron's earlier chats, a preview) fetches
 * it from the server. A chat the connection still follows as open stays.
 * Returns the function that stops it.
 */
export function bindChatRelease(connection: OperatorConnection, store: StoreApi<ConsoleState>): () => void {
  let seen: unknown[] = [];
  const sweep = (state: ConsoleState) => {
    // Only when something a release depends on changed: most updates are a message or a keystroke away from one.
    const watched = [
      ...PER_CHAT_KEYS.map((key) => state[key]),
      state.openChatId,
      state.transcript,
      state.analytics,
      state.operator,
    ];
    if (watched.length === seen.length && watched.every((value, index) => value === seen[index])) return;
    seen = watched;
    const released = releasableChatIds(state).filter((chatId) => connection.release(chatId));
    if (released.length > 0) store.setState((current) => withoutChats(current, released));
  };
  sweep(store.getState());
  return store.subscribe(sweep);
}
