import { LIMITS } from '../protocol/limits';
import type { ChatSummary } from '../protocol/models';
import type { MessageBook } from './message-book';

/** What the next `console:sync` sends, and which held chats it leaves out. */
export interface SyncPlan {
  /** Per chat, the seq to catch up from (the last one with nothing missing below it), newest chat first. */
  lastSeqByChat: Record<string, number>;
  /** Held chats not listed: ended, no longer open to this console as far as it knows, or past the cap. */
  leftOut: string[];
}

/**
 * Chooses the chats a console catches up after a (re)connect: only those it
 * holds and still follows, that is loaded (owned, taken part in, previewed)
 * and, by the newest summary it has, still open and visible to it. A console
 * open all week has loaded hundreds of chats, most long ended; it lists the
 * most recently active first and at most `max` (the server answers the same
 * cap with `unsynced`). The left-out ones are not caught up, so the console
 * forgets their messages and loads them afresh when they are opened again.
 */
export function planSync(
  book: MessageBook,
  known: ReadonlyMap<string, ChatSummary>,
  max: number = LIMITS.syncedChatsMax,
): SyncPlan {
  const open: Array<{ chatId: string; activeAt: number }> = [];
  const leftOut: string[] = [];
  for (const chatId of book.chatIds()) {
    const chat = known.get(chatId);
    if (chat && chat.status !== 'ended')
      open.push({ chatId, activeAt: Math.max(book.newestAt(chatId), chat.createdAt) });
    else leftOut.push(chatId);
  }
  open.sort((a, b) => b.activeAt - a.activeAt);
  const lastSeqByChat: Record<string, number> = {};
  for (const { chatId } of open.slice(0, max)) lastSeqByChat[chatId] = book.contiguousLastSeq(chatId);
  leftOut.push(...open.slice(max).map(({ chatId }) => chatId));
  return { lastSeqByChat, leftOut };
}
