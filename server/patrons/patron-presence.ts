import type { ChatSummary } from '../../src/protocol/models';
import type { DeskbellContext } from '../context';
import { rooms } from '../sockets/rooms';
import { SYSTEM_AUTHOR } from '../chats/chat-repository';
import { announceMessage } from '../chats/chat-broadcast';
import { newId } from '../storage/ids';

const LEFT_REMEMBERED_MS = 24 * 60 * 60 * 1000;

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

  /** The summary with when its patron went away, or was declared gone (null while they are here). */
  decorate(chat: ChatSummary): ChatSummary {
    return {
      ...chat,
      patronAwaySince: this.away.get(chat.id)?.since ?? null,
      patronLeftAt: chat.status === 'ended' ? null : (this.left.get(chat.id) ?? null),
    };
  }

  /** A patron socket following `chatId` disconnected. */
  async disconnected(ctx: DeskbellContext, chatId: string): Promise<void> {
    const others = await ctx.patrons.in(rooms.chat(chatId)).fetchSockets();
    if (others.length > 0 || this.away.has(chatId)) return;
    const chat = await ctx.repos.chats.find(chatId);
    if (!chat || chat.status === 'ended' || this.away.has(chatId)) return;
    // The patron may have come back while the chat was being read (a quick reload).
    if ((await ctx.patrons.in(rooms.chat(chatId)).fetchSockets()).length > 0 || this.away.has(chatId)) return;
    const since = ctx.now();
    const timer = setTimeout(() => void this.gone(ctx, chatId), ctx.timings.patronReturnMs);
    timer.unref?.();
    this.away.set(chatId, { since, timer });
    ctx.operators.to(rooms.chat(chatId)).emit('chat:patron-presence', { chatId, state: 'away', at: since });
  }

  /** The patron resumed the chat (same browser after a refresh or a dropped connection). */
  returned(ctx: DeskbellContext, chatId: string): void {
    const entry = this.away.get(chatId);
    const wasLeft = this.left.delete(chatId);
    if (!entry && !wasLeft) return;
    if (entry) clearTimeout(entry.timer);
    this.away.delete(chatId);
    ctx.operators.to(rooms.chat(chatId)).emit('chat:patron-presence', { chatId, state: 'back', at: ctx.now() });
  }

  private async gone(ctx: DeskbellContext, chatId: string): Promise<void> {
    if (!this.away.delete(chatId)) return;
    try {
      // Back through another node (or in a gap this node missed): still here, nothing to record.
      if ((await ctx.patrons.in(rooms.chat(chatId)).fetchSockets()).length > 0) return;
      const result = await ctx.repos.messages.append(
        {
          chatId,
          id: `system-${newId()}`,
          authorKind: 'system',
          authorId: null,
          authorName: SYSTEM_AUTHOR,
          body: 'The patron left the chat; you can End Chat.',
          createdAt: ctx.now(),
          event: { type: 'patron-left' },
        },
        { statuses: ['waiting', 'active'] },
      );
      if (result.kind === 'refused') return;
      this.rememberLeft(chatId, ctx.now());
      announceMessage(ctx, result.message);
      ctx.operators.to(rooms.chat(chatId)).emit('chat:patron-presence', { chatId, state: 'left', at: ctx.now() });
    } catch (error) {
      ctx.log.warn({ err: error, chatId }, 'could not record that the patron left');
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
