import type { ChatSummary, Message } from '../protocol/models';
import type { ChatWithMessages, SyncResult } from '../protocol/operator-contract';
import { GapWatch } from './gap-watch';
import { MessageBook } from './message-book';
import { planSync, type SyncPlan } from './sync-plan';

export interface FollowedChatsOptions {
  /** A chat's held messages changed: the whole list, in order, each once. */
  onMessages: (chatId: string, messages: readonly Message[]) => void;
  /** Fetches a chat's whole history to fill a hole; null when it could not (the next sync catches up). */
  fetchHistory: (chatId: string) => Promise<readonly Message[] | null>;
  /** How long a hole may stay before it is fetched. */
  gapFillDelayMs: number;
}

/**
 * The patron chats a console follows: the newest summary seen of each (what
 * the next sync lists, and how far each has got) and their messages, held once
 * and in order (MessageBook). A hole a live message or a summary reveals is
 * fetched after a short wait.
 */
export class FollowedChats {
  private readonly book = MessageBook.forChats();
  private known = new Map<string, ChatSummary>();
  private readonly gaps: GapWatch;

  constructor(private readonly options: FollowedChatsOptions) {
    this.gaps = new GapWatch({
      hasGap: (chatId) => this.book.hasGap(chatId, this.known.get(chatId)?.lastSeq),
      fill: (chatIds) => void this.fillGaps(chatIds),
      delayMs: options.gapFillDelayMs,
    });
  }

  /** The chat's messages in sequence order, each once. */
  messages(chatId: string): readonly Message[] {
    return this.book.get(chatId);
  }

  /**
   * Notes a chat's newest summary; its lastSeq may reveal a message that never
   * arrived. An ended chat whose messages are not held is not kept: nothing
   * asks about it (the sync lists only held, open chats), and a console sees
   * every chat of its departments end over a day.
   */
  note(chat: ChatSummary): void {
    if (chat.status === 'ended' && !this.book.isLoaded(chat.id)) {
      this.known.delete(chat.id);
      return;
    }
    this.known.set(chat.id, chat);
    this.gaps.check([chat.id]);
  }

  /**
   * Lets go of an ended chat: its summary and messages are dropped, so the
   * sync no longer lists it and live messages for it are ignored; opening it
   * again (preview) loads it afresh. Refused (false) while the newest summary
   * says the chat is still open: an open chat must stay caught up.
   */
  release(chatId: string): boolean {
    const chat = this.known.get(chatId);
    if (chat && chat.status !== 'ended') return false;
    this.known.delete(chatId);
    this.book.forget(chatId);
    this.gaps.forget(chatId);
    return true;
  }

  /** How many chats are noted and how many have their messages held (for tests of a long day). */
  sizes(): { known: number; loaded: number } {
    return { known: this.known.size, loaded: this.book.chatIds().length };
  }

  /** The chat's whole history was asked for: its live messages are kept until it comes (message-book.ts). */
  expect(chatId: string): void {
    this.book.expect(chatId);
  }

  /** The history was refused: nothing more to keep for it. */
  unexpect(chatId: string): void {
    this.book.unexpect(chatId);
  }

  /** Holds a chat loaded whole (preview, claim, accepted transfer); returns its messages as held. */
  hold({ chat, messages }: ChatWithMessages): readonly Message[] {
    // Loaded first, so that an ended chat opened again (a transcript, patron history) is noted too.
    const held = this.book.load(chat.id, messages);
    this.note(chat);
    this.options.onMessages(chat.id, held);
    return this.book.get(chat.id);
  }

  /** Merges live messages (and acks of one's own sends) by sequence number. */
  merge(messages: readonly Message[]): void {
    const changed = this.book.merge(messages);
    for (const chatId of changed) this.options.onMessages(chatId, this.book.get(chatId));
    this.gaps.check(changed);
  }

  /**
   * What the next sync asks for. The chats it leaves out are forgotten now:
   * they are not caught up, so what is held of them would go stale.
   */
  planSync(): SyncPlan {
    const plan = planSync(this.book, this.known);
    for (const chatId of plan.leftOut) this.book.forget(chatId);
    return plan;
  }

  /** The sync's per-chat catch-up points, without forgetting anything. */
  lastSeqByChat(): Record<string, number> {
    return planSync(this.book, this.known).lastSeqByChat;
  }

  /** Applies a sync's answer; returns the chats whose messages are no longer held (left out or not caught up). */
  applySync(result: SyncResult, leftOut: readonly string[]): string[] {
    this.known = new Map(result.chats.map((chat) => [chat.id, chat]));
    const unsynced = result.unsynced ?? [];
    for (const chatId of unsynced) this.book.forget(chatId);
    const missedByChat = new Map<string, Message[]>();
    for (const message of result.missed) {
      const list = missedByChat.get(message.chatId) ?? [];
      list.push(message);
      missedByChat.set(message.chatId, list);
    }
    // Chats this operator owns or takes part in come with their whole history when not held yet.
    const me = result.me.id;
    for (const chat of result.chats) {
      const mine = chat.ownerId === me || (chat.participants ?? []).some((participant) => participant.id === me);
      if (mine && chat.status !== 'ended' && !this.book.isLoaded(chat.id)) {
        this.book.load(chat.id, missedByChat.get(chat.id) ?? []);
        this.options.onMessages(chat.id, this.book.get(chat.id));
      }
    }
    this.merge(result.missed);
    this.gaps.check(this.book.chatIds());
    return [...new Set([...leftOut, ...unsynced])].filter((chatId) => !this.book.isLoaded(chatId));
  }

  stop(): void {
    this.gaps.stop();
  }

  /** Fetches what chats with a hole miss (the whole history, merged by seq). */
  private async fillGaps(chatIds: readonly string[]): Promise<void> {
    for (const chatId of chatIds) {
      const messages = await this.options.fetchHistory(chatId);
      if (messages) this.merge(messages);
    }
  }
}
