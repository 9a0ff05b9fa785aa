import type { FastifyBaseLogger } from 'fastify';
import type { ChatSummary } from '../../src/protocol/models';
import type { Repositories } from '../repositories';
import { rooms } from '../sockets/rooms';
import type { OperatorNamespace, PatronNamespace } from '../sockets/socket-types';
import { systemMessage } from '../chats/system-message';

const LEFT_REMEMBERED_MS = 24 * 60 * 60 * 1000;

/** What the tracker works with, given when the server builds it (not the whole DeskbellContext, which holds the tracker). */
export interface PatronPresenceDeps {
  operators: OperatorNamespace;
  patrons: PatronNamespace;
  repos: Pick<Repositories, 'chats' | 'messages'>;
  /** How long a patron who went away has to come back before the operator is told they left. */
  returnMs: number;
  now: () => number;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * Whether each chat's patron is still there. A widget that loses its
 * connection (closed tab, network) marks the chat "away" at once; coming
 * back (chat:resume) within the return period continues as if nothing
 * happened; otherwise the operator gets a line that the patron left and may
 * End Chat. Nothing is written until then, so a flaky connection leaves no trace.
 */
export class PatronPresenceTracker {
  private readonly away = new Map<string, { since: number; timer: ReturnType<typeof setTimeout> }>();
  /** Chats whose patron was declared gone, and when: a late return is still news ("back"). */
  private readonly left = new Map<string, number>();

  constructor(private readonly deps: PatronPresenceDeps) {}

  /** The summary with when its patron went away, or was declared gone (null while they are here). */
  decorate(chat: ChatSummary): ChatSummary {
    return {
      ...chat,
      patronAwaySince: this.away.get(chat.id)?.since ?? null,
      patronLeftAt: chat.status === 'ended' ? null : (this.left.get(chat.id) ?? null),
    };
  }

  /** A patron socket following `chatId` disconnected. */
  async disconnected(chatId: string): Promise<void> {
    const { patrons, operators } = this.deps;
    const others = await patrons.in(rooms.chat(chatId)).fetchSockets();
    if (others.length > 0 || this.away.has(chatId)) return;
    const chat = await this.deps.repos.chats.find(chatId);
    if (!chat || chat.status === 'ended' || this.away.has(chatId)) return;
    // The patron may have come back while the chat was being read (a quick reload).
    if ((await patrons.in(rooms.chat(chatId)).fetchSockets()).length > 0 || this.away.has(chatId)) return;
    const since = this.deps.now();
    const timer = setTimeout(() => void this.gone(chatId), this.deps.returnMs);
    timer.unref?.();
    this.away.set(chatId, { since, timer });
    operators.to(rooms.chat(chatId)).emit('chat:patron-presence', { chatId, state: 'away', at: since });
  }

  /** The patron resumed the chat (same browser after a refresh or a dropped connection). */
  returned(chatId: string): void {
    const entry = this.away.get(chatId);
    const wasLeft = this.left.delete(chatId);
    if (!entry && !wasLeft) return;
    if (entry) clearTimeout(entry.timer);
    this.away.delete(chatId);
    this.deps.operators
      .to(rooms.chat(chatId))
      .emit('chat:patron-presence', { chatId, state: 'back', at: this.deps.now() });
  }

  private async gone(chatId: string): Promise<void> {
    if (!this.away.delete(chatId)) return;
    const { patrons, operators, now } = this.deps;
    try {
      // Back through another node (or in a gap this node missed): still here, nothing to record.
      if ((await patrons.in(rooms.chat(chatId)).fetchSockets()).length > 0) return;
      const line = systemMessage(chatId, 'The patron left the chat; you can End Chat.', { type: 'patron-left' }, now());
      const result = await this.deps.repos.messages.append(line, { patron: true });
      if (result.kind === 'refused') return;
      this.rememberLeft(chatId, now());
      // As announceMessage does (chat-broadcast.ts takes the whole context, which holds this tracker).
      operators.to(rooms.chat(chatId)).emit('chat:message', result.message);
      patrons.to(rooms.chat(chatId)).emit('chat:message', result.message);
      operators.to(rooms.chat(chatId)).emit('chat:patron-presence', { chatId, state: 'left', at: now() });
    } catch (error) {
      this.deps.log.warn({ err: error, chatId }, 'could not record that the patron left');
    }
  }

  /** Kept for a day at most, so chats that ended meanwhile do not pile up in a server that runs for months. */
  private rememberLeft(chatId: string, now: number): void {
    for (const [id, at] of this.left) {
      if (now - at > LEFT_REMEMBERED_MS) this.left.delete(id);
      else break; // insertion order is time order
    }
    this.left.set(chatId, now);
  }

  stop(): void {
    for (const entry of this.away.values()) clearTimeout(entry.timer);
    this.away.clear();
    this.left.clear();
  }
}

/** The chat id of a call in the new form `(chatId)` or the old `(ctx, chatId)`. */
