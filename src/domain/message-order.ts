import type { Message } from '../protocol/models';

/**
 * Merges messages into a chat's list by sequence number: a message already
 * held (same seq) is not shown twice, and late arrivals land in order.
 * Returns the same array when nothing new arrived, so stores can skip renders.
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): readonly Message[] {
  if (incoming.length === 0) return existing;
  const bySeq = new Map<number, Message>();
  for (const message of existing) bySeq.set(message.seq, message);
  let added = false;
  for (const message of incoming) {
    if (!bySeq.has(message.seq)) {
      bySeq.set(message.seq, message);
      added = true;
    }
  }
  if (!added) return existing;
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The newest sequence number held, 0 when none. */
export function lastSeqOf(messages: readonly Message[]): number {
  return messages.length === 0 ? 0 : (messages[messages.length - 1]?.seq ?? 0);
}
