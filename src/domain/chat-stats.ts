import type { ChatStatus } from '../protocol/models';

export interface ChatCounter {
  /** Chats being answered right now, by anyone. */
  inProgress: number;
  /** Chats waiting for someone to claim them. */
  new: number;
  /** Chats this operator is attached to. */
  mine: number;
}

/** The stats counter above Patron Chats: in progress, new, and mine. */
export function countChats(
  chats: Iterable<{ status: ChatStatus; ownerId: string | null }>,
  operatorId: string,
): ChatCounter {
  const counter: ChatCounter = { inProgress: 0, new: 0, mine: 0 };
  for (const chat of chats) {
    if (chat.status === 'waiting') counter.new += 1;
    if (chat.status === 'active') {
      counter.inProgress += 1;
      if (chat.ownerId === operatorId) counter.mine += 1;
    }
  }
  return counter;
}

const MINUTE = 60_000;

/**
 * Time Spent proposed in the analytics entry: from the claim (or the question,
 * when never claimed) to the end, rounded up to whole minutes, at least one.
 */
export function proposedTimeSpentMinutes(
  chat: {
    createdAt: number;
    claimedAt: number | null;
    endedAt: number | null;
  },
  now: number,
): number {
  const start = chat.claimedAt ?? chat.createdAt;
  const end = chat.endedAt ?? now;
  return Math.max(1, Math.ceil(Math.max(0, end - start) / MINUTE));
}

/** How long a patron has waited, in words for a queue row: "just now", "3 min", "1 h 5 min". */
export function waitedFor(since: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - since) / MINUTE);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
