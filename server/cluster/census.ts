import { DeskbellError } from '../../src/protocol/ack';

/**
 * "Who is connected, on any node?" with whether every node answered.
 *
 * In a cluster, `fetchSockets` asks the other nodes through Redis and waits
 * for as many answers as Redis counts subscribers on the namespace's channel
 * (PUBSUB NUMSUB). Three things make an answer lack a node that is up:
 * - a node that dies mid-request never answers, and the request ends after
 *   socket.io's 5 s with "timeout reached" (or with the socket's error when
 *   Redis drops the connection);
 * - after Redis restarts, each node subscribes again at its own reconnect:
 *   for a moment Redis counts only the nodes already back, and an answer
 *   taken then comes without the others' sockets (seen in
 *   tests/integration/cluster-nodes.test.ts: a patron on node A marked away
 *   by node B's sweep).
 * The decisions that act on "nobody is there" (a colleague shown Offline, a
 * patron marked gone, chats handed back, a dark-desk alarm) take such an
 * answer as unsure and ask again at their next sweep or timer. Alone, a
 * server's own answer is always complete.
 */
export interface ClusterWatch {
  /** True when an answer asked for at `askedAt` and received now may lack a node that is up. */
  unsureSince(askedAt: number): boolean;
  now(): number;
}

/** One process is the whole desk. */
export const ONE_NODE: ClusterWatch = { unsureSince: () => false, now: () => Date.now() };

/**
 * After this node's Redis connections were last in trouble: every other node has reconnected and
 * subscribed again by then (redis-link.ts backs off to at most 2 s between tries), with room to spare.
 */
export const SETTLE_AFTER_TROUBLE_MS = 5_000;

interface WatchedLink {
  isReady: boolean;
  on(event: 'error' | 'reconnecting' | 'end', listener: () => void): unknown;
}

/**
 * Watches this node's Redis connections: an error, a reconnect or a connection not ready is
 * trouble, and answers asked for less than SETTLE_AFTER_TROUBLE_MS after it are unsure. A node
 * that just started is unsure for as long: the others may be starting or reconnecting too.
 */
export function watchRedisLinks(links: readonly WatchedLink[], now: () => number = Date.now): ClusterWatch {
  let troubleAt = now();
  const trouble = () => void (troubleAt = now());
  for (const link of links) {
    link.on('error', trouble);
    link.on('reconnecting', trouble);
    link.on('end', trouble);
  }
  return {
    unsureSince: (askedAt) => links.some((link) => !link.isReady) || troubleAt > askedAt - SETTLE_AFTER_TROUBLE_MS,
    now,
  };
}

export interface Census<T> {
  sockets: T[];
  complete: boolean;
}

/** Asks every node for its sockets in `target` (a namespace, or `namespace.in(room)`). */
export async function census<T>(watch: ClusterWatch, target: { fetchSockets(): Promise<T[]> }): Promise<Census<T>> {
  const askedAt = watch.now();
  try {
    const sockets = await target.fetchSockets();
    return { sockets, complete: !watch.unsureSince(askedAt) };
  } catch {
    // Only the cluster can make it fail (the local part is a lookup in memory).
    return { sockets: [], complete: false };
  }
}

/** Whether anybody is in `target` on any node: 'unsure' when not every node may have answered. */
export async function whereabouts(
  watch: ClusterWatch,
  target: { fetchSockets(): Promise<unknown[]> },
): Promise<'connected' | 'gone' | 'unsure'> {
  const { sockets, complete } = await census(watch, target);
  if (sockets.length > 0) return 'connected';
  return complete ? 'gone' : 'unsure';
}

/**
 * For what a person asked to see (the Operators list, a colleague's presence): every node's
 * sockets, or a clear "try again" (UNAVAILABLE, which consoles retry) when a node did not answer.
 * Only a list, so the moment after a Redis restart is not waited out: it decides nothing.
 */
export async function everySocketOrRetry<T>(target: { fetchSockets(): Promise<T[]> }): Promise<T[]> {
  try {
    return await target.fetchSockets();
  } catch {
    throw new DeskbellError('UNAVAILABLE', 'Not every server of the desk answered just now; please try again.');
  }
}
