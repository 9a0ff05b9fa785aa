import { waitedFor } from '../../../src/domain/chat-stats';
import type { ChatSummary } from '../../../src/protocol';

/** How long, in the words of the Patron Chats list ("3 min"), with "less than a minute" for a fresh one. */
function forHowLong(since: number, now: number): string {
  const span = waitedFor(since, now);
  return span === 'just now' ? 'less than a minute' : span;
}

/**
 * Who has a chat and for how long, as a supervisor reads it: "Alice has had
 * this chat for 12 min", "Nobody has this chat; waiting 3 min", or, for a
 * waiting chat whose patron has gone (`patronLeft`, as Patron Chats shows
 * "Left"), "Nobody has this chat; the patron left after waiting 3 min".
 */
export function whoHasIt(chat: ChatSummary, now: number, patronLeft = false): string {
  if (chat.status === 'active' && chat.ownerName) {
    return `${chat.ownerName} has had this chat for ${forHowLong(chat.claimedAt ?? chat.createdAt, now)}`;
  }
  if (patronLeft) {
    return `Nobody has this chat; the patron left after waiting ${forHowLong(chat.createdAt, chat.patronAwaySince ?? now)}`;
  }
  return `Nobody has this chat; waiting ${forHowLong(chat.createdAt, now)}`;
}
