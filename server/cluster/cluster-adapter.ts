import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClient } from './redis-link';

/**
 * socket.io's rooms across the nodes of a cluster, through
 * @socket.io/redis-streams-adapter: every broadcast, `fetchSockets`,
 * `socketsJoin` and `socketsLeave` reaches the sockets of every node. Its
 * messages are a Redis stream, so a node that lost Redis for a moment reads
 * on from where it was instead of missing what was sent meanwhile; the
 * per-chat sequence resync stays the guarantee either way. A request to
 * the other nodes (fetchSockets) that one of them cannot answer, a node dying
 * mid-request, ends after socket.io's 5 s with "timeout reached".
 *
 * The adapter duplicates `client` for its blocking reads; give it a client
 * whose commands wait for a reconnect (redis-link.ts, `for: 'adapter'`).
 */
export function clusterAdapter(client: RedisClient): ReturnType<typeof createAdapter> {
  return createAdapter(withHandledPublishes(client), {
    streamName: 'deskbell:socket.io',
    channelPrefix: 'deskbell:socket.io',
    // Chat traffic is JSON only: skip the adapter's binary checks.
    onlyPlaintext: true,
    // No heartbeat options: this adapter counts the nodes by asking Redis who subscribes to the
    // namespace's channel (PUBSUB NUMSUB), so a killed node drops out as soon as Redis sees its
    // connections close. Answers that lack a node: census.ts.
  });
}

/**
 * The adapter sends its requests to the other nodes (fetchSockets, for one) with PUBLISH and
 * drops the promise: when Redis goes away mid-request it rejects with nobody listening (an
 * unhandled `ECONNRESET`). The request itself still ends, by its own timeout, which the callers
 * handle (census.ts), so the rejection is marked handled here and nothing else changes.
 */
function withHandledPublishes(client: RedisClient): RedisClient {
  const publish = client.publish.bind(client);
  const handled = (...args: Parameters<typeof publish>): ReturnType<typeof publish> => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
  Object.defineProperty(client, 'publish', { value: handled, configurable: true });
  return client;
}
