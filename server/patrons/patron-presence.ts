import type { FastifyBaseLogger } from 'fastify';
import type { ChatSummary } from '../../src/protocol/models';
import { whereabouts, type ClusterWatch } from '../cluster/census';
import { rooms } from '../sockets/rooms';
import type { OperatorNamespace, PatronNamespace } from '../sockets/socket-types';

/** What the tracker works with, given when the server builds it (not the whole DeskbellContext, which holds the tracker). */
export interface PatronPresenceDeps {
  operators: OperatorNamespace;
  patrons: PatronNamespace;
  /**
   * How long a widget may be gone before its absence is stored: a page change on the library's site
   * (the widget reloads with the page) leaves no trace; a closed tab or a lost network does.
   */
  settleMs: number;
  now: () => number;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** Whether "no widget on any node" can be believed (census.ts). */
  watch: ClusterWatch;
  /** The patron stayed gone past the settle period: store it (patron-lifecycle.ts runs the transition). */
  settled: (chatId: string, since: number) => Promise<void>;
}

/**
 * The first seconds of a patron's absence, on this node. A widget that loses
 * its connection is shown away to the chat's followers at once; coming back
 * within the settle period continues as if nothing happened and writes
 * nothing; otherwise the absence is stored as a transition of the chat
 * (patron-lifecycle.ts), and from then on the stored deadline decides, on any
 * node and across restarts. Only these few seconds live in memory: a restart
 * inside them is caught by the lifecycle's sweep for chats whose patron has
 * no socket anywhere.
 */
export class PatronPresenceTracker {
  private readonly pending = new Map<string, { since: number; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly deps: PatronPresenceDeps) {}

  /** The summary with when its patron went away: stored, or pending on this node. */
  decorate(chat: ChatSummary): ChatSummary {
    const pending = this.pending.get(chat.id);
    return pending && (chat.patronAwaySince ?? null) === null ? { ...chat, patronAwaySince: pending.since } : chat;
  }

  /** Whether this node is still waiting to see if the chat's patron comes back. */
  isPending(chatId: string): boolean {
    return this.pending.has(chatId);
  }

  /** A patron socket following `chat` disconnected. */
  async disconnected(chat: Pick<ChatSummary, 'id' | 'status' | 'departmentId'>): Promise<void> {
    const { patrons, operators } = this.deps;
    if (chat.status === 'ended' || this.pending.has(chat.id)) return;
    // Another tab (or a quick reload already back) still follows it.
    const where = await whereabouts(this.deps.watch, patrons.in(rooms.chat(chat.id)));
    if (where === 'connected' || this.pending.has(chat.id)) return;
    const since = this.deps.now();
    this.pending.set(chat.id, { since, timer: this.settleLater(chat.id, this.deps.settleMs) });
    const told = [rooms.chat(chat.id)];
    // Patron Chats shows "Left" at once: whoever watches the queue hears it, not only the chat's followers.
    if (chat.status === 'waiting') told.push(rooms.department(chat.departmentId));
    operators.to(told).emit('chat:patron-presence', { chatId: chat.id, state: 'away', at: since });
  }

  /** The patron is back (a resume, or a reconnect bound in the handshake); true when only this node knew they were gone. */
  returned(chat: Pick<ChatSummary, 'id' | 'status' | 'departmentId'>): boolean {
    const entry = this.pending.get(chat.id);
    if (!entry) return false;
    clearTimeout(entry.timer);
    this.pending.delete(chat.id);
    const told = [rooms.chat(chat.id)];
    if (chat.status === 'waiting') told.push(rooms.department(chat.departmentId));
    this.deps.operators.to(told).emit('chat:patron-presence', { chatId: chat.id, state: 'back', at: this.deps.now() });
    return true;
  }

  private settleLater(chatId: string, ms: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => void this.settle(chatId), ms);
    timer.unref?.();
    return timer;
  }

  private async settle(chatId: string): Promise<void> {
    const entry = this.pending.get(chatId);
    if (!entry) return;
    let where: Awaited<ReturnType<typeof whereabouts>> | undefined;
    try {
      where = await whereabouts(this.deps.watch, this.deps.patrons.in(rooms.chat(chatId)));
    } catch (error) {
      this.deps.log.warn({ err: error, chatId }, 'could not ask whether the patron is still away');
    }
    // Back meanwhile (returned() ended the wait), or a new wait began: nothing more for this one.
    if (this.pending.get(chatId) !== entry) return;
    // Not every node answered (one died mid-request, Redis dropped it): still pending, asked again later.
    if (where === 'unsure') {
      entry.timer = this.settleLater(chatId, this.deps.settleMs);
      return;
    }
    this.pending.delete(chatId);
    // Back through another node, or the nodes could not be asked: nothing to store (the sweep looks again).
    if (where !== 'gone') return;
    try {
      await this.deps.settled(chatId, entry.since);
    } catch (error) {
      this.deps.log.warn({ err: error, chatId }, 'could not record that the patron went away');
    }
  }

  stop(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }
}
