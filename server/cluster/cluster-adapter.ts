import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RedisClient } from './redis-link';

/**
 * socket.io's rooms across the nodes of a cluster, through
 * @socket.io/redis-streams-adapter: every broadcast, `fetchSockets`,
 * `socketsJoin` and `socketsLeave` reaches the sockets of every node. Its
 * messages are a Redis stream, so a node that lost Redis for a moment reads
 * on from where it was instead of missing what was sent meanwhile; the
 * per-chat sequence resync stays the guarantee either way.
 *
 * The adapter duplicates `client` for its blocking reads; give it a client
 * whose commands wait for a reconnect (redis-link.ts, `for: 'adapter'`).
 */
export function clusterAdapter(client: RedisClient): ReturnType<typeof createAdapter> {
  return createAdapter(client, {
    streamName: 'deskbell:socket.io',
    channelPrefix: 'deskbell:socket.io',
    // Chat traffic is JSON only: skip the adapter's binary checks.
    onlyPlaintext: true,
    // A node that stops answering is dropped from fetchSockets within these.
    heartbeatInterval: 2_000,
    heartbeatTimeout: 6_000,
  });
}
