/**
 * "Who is connected, on any node?" with whether every node answered.
 *
 * In a cluster, `fetchSockets` asks the other nodes through Redis and waits
 * for as many answers as Redis has subscribers on the namespace's channel. A
 * node that dies mid-request never answers, and the request ends after
 * socket.io's 5 s with "timeout reached"; Redis dropping the connection ends
 * it with the socket's error. Neither says that nobody is there. The
 * decisions that act on "nobody" (a colleague shown Offline, a patron marked
 * gone, chats handed back, a dark-desk alarm) take such an answer as unsure
 * and ask again at their next sweep or timer, instead of failing or guessing.
 * Alone, a server's own answer is always complete.
 */
export interface Census<T> {
  sockets: T[];
  complete: boolean;
}

/** Asks every node for its sockets in `target` (a namespace, or `namespace.in(room)`). */
export async function census<T>(target: { fetchSockets(): Promise<T[]> }): Promise<Census<T>> {
  try {
    return { sockets: await target.fetchSockets(), complete: true };
  } catch {
    // Only the cluster can make it fail (the local part is a lookup in memory).
    return { sockets: [], complete: false };
  }
}

/** Whether anybody is in `target` on any node: 'unsure' when not every node answered. */
export async function whereabouts(target: {
  fetchSockets(): Promise<unknown[]>;
}): Promise<'connected' | 'gone' | 'unsure'> {
  const { sockets, complete } = await census(target);
  if (sockets.length > 0) return 'connected';
  return complete ? 'gone' : 'unsure';
}
