/**
 * Merges messages into a chat's list by sequence number: a message already
 * held (same seq) is not shown twice, and late arrivals land in order. The
 * one idempotent append for patron chats and staff chats alike (a live
 * message and an ack, or a retry announced again, may bring the same one).
 * Returns the same array when nothing new arrived, so stores can skip renders.
 */
export function mergeMessages<T extends { seq: number }>(existing: readonly T[], incoming: readonly T[]): readonly T[] {
  if (incoming.length === 0) return existing;
  const bySeq = new Map<number, T>();
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
export function lastSeqOf(messages: readonly { seq: number }[]): number {
  return messages.length === 0 ? 0 : (messages[messages.length - 1]?.seq ?? 0);
}

/**
 * The newest sequence number below which nothing is missing, in a list sorted
 * by seq (chats number their messages 1, 2, 3, ... with no hole). A client
 * catches up from this one, not from the newest it holds: then a gap left by
 * a dropped connection or a late live message is fetched too, and the merge
 * drops the repeats.
 */
export function contiguousLastSeq(messages: readonly { seq: number }[]): number {
  let last = 0;
  for (const message of messages) {
    if (message.seq === last + 1) last = message.seq;
    else if (message.seq > last + 1) break;
  }
  return last;
}

/**
 * True when messages are missing: a hole in the list, or a newest seq the
 * chat is known to have reached (`knownLastSeq`, from its summary) that the
 * list does not hold yet.
 */
export function hasGap(messages: readonly { seq: number }[], knownLastSeq = 0): boolean {
  return contiguousLastSeq(messages) < Math.max(lastSeqOf(messages), knownLastSeq);
}
