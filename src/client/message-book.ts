import { contiguousLastSeq, hasGap, mergeMessages } from '../domain/message-order';
import type { Message, StaffMessage } from '../protocol/models';

/** What a book holds: anything with a per-conversation sequence number. */
export interface HeldMessage {
  seq: number;
  createdAt: number;
}

/**
 * The messages a console holds, per chat, each list in sequence order and
 * free of duplicates. A chat is "loaded" once its whole history arrived (a
 * preview, a claim, or a sync of a chat this operator owns); a live message
 * for a chat that is not loaded is ignored, because holding seq 7 alone would
 * look like a chat with a hole from 1 to 6.
 *
 * The one home of a console's messages: one book for patron chats (by
 * `chatId`) and one for staff chats (by `staffChatId`).
 */
export class MessageBook<M extends HeldMessage = Message> {
  private readonly byChat = new Map<string, readonly M[]>();

  constructor(private readonly keyOf: (message: M) => string) {}

  /** A book of patron-chat messages. */
  static forChats(): MessageBook<Message> {
    return new MessageBook<Message>((message) => message.chatId);
  }

  /** A book of staff-chat messages. */
  static forStaffChats(): MessageBook<StaffMessage> {
    return new MessageBook<StaffMessage>((message) => message.staffChatId);
  }

  /** Holds a chat's full history and marks it loaded. Returns the chat's list. */
  load(chatId: string, messages: readonly M[]): readonly M[] {
    return this.put(chatId, mergeMessages(this.byChat.get(chatId) ?? [], messages));
  }

  /**
   * Merges messages for loaded chats; returns the chats whose list changed,
   * so listeners re-render only those.
   */
  merge(messages: readonly M[]): string[] {
    const grouped = new Map<string, M[]>();
    for (const message of messages) {
      const key = this.keyOf(message);
      if (!this.byChat.has(key)) continue;
      const group = grouped.get(key) ?? [];
      group.push(message);
      grouped.set(key, group);
    }
    const changed: string[] = [];
    for (const [chatId, incoming] of grouped) {
      const before = this.byChat.get(chatId) ?? [];
      const after = mergeMessages(before, incoming);
      if (after !== before) {
        this.byChat.set(chatId, after);
        changed.push(chatId);
      }
    }
    return changed;
  }

  isLoaded(chatId: string): boolean {
    return this.byChat.has(chatId);
  }

  /** The loaded chats. */
  chatIds(): string[] {
    return [...this.byChat.keys()];
  }

  /** The chat's messages in order; the same array until something new arrives. */
  get(chatId: string): readonly M[] {
    return this.byChat.get(chatId) ?? EMPTY;
  }

  /** Where a catch-up of the chat starts: the newest seq with nothing missing below it. */
  contiguousLastSeq(chatId: string): number {
    return contiguousLastSeq(this.get(chatId));
  }

  /** A loaded chat misses messages: a hole, or fewer than its summary's `lastSeq` says it has. */
  hasGap(chatId: string, knownLastSeq = 0): boolean {
    return this.isLoaded(chatId) && hasGap(this.get(chatId), knownLastSeq);
  }

  /** When the newest message held was written; 0 when none. */
  newestAt(chatId: string): number {
    return this.get(chatId).at(-1)?.createdAt ?? 0;
  }

  forget(chatId: string): void {
    this.byChat.delete(chatId);
  }

  clear(): void {
    this.byChat.clear();
  }

  private put(chatId: string, messages: readonly M[]): readonly M[] {
    this.byChat.set(chatId, messages);
    return messages;
  }
}

const EMPTY: readonly never[] = Object.freeze([]);
