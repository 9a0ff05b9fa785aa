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
 * look like a chat with a hole from 1 to 6. A chat whose history has been
 * asked for is the exception: its live messages are kept aside until the
 * history comes, then merged into it. The answer and a message sent just
 * after it can arrive in one read (a long-polling batch, two websocket frames
 * in one TCP segment); the answer is applied after that read, so without this
 * the message would be dropped and, being newer than the summary that came
 * with the answer, not even seen as missing.
 *
 * The one home of a console's messages: one book for patron chats (by
 * `chatId`) and one for staff chats (by `staffChatId`).
 */
export class MessageBook<M extends HeldMessage = Message> {
  private readonly byChat = new Map<string, readonly M[]>();
  /** Live messages of chats whose history was asked for and has not come yet. */
  private readonly arriving = new Map<string, M[]>();

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
    const early = this.arriving.get(chatId) ?? [];
    this.arriving.delete(chatId);
    return this.put(chatId, mergeMessages(mergeMessages(this.byChat.get(chatId) ?? [], messages), early));
  }

  /** The chat's history was asked for: keep its live messages until load() (or unexpect()). */
  expect(chatId: string): void {
    if (!this.byChat.has(chatId) && !this.arriving.has(chatId)) this.arriving.set(chatId, []);
  }

  /** The history will not come (the request was refused): stop keeping its messages. */
  unexpect(chatId: string): void {
    this.arriving.delete(chatId);
  }

  /**
   * Merges messages for loaded chats; returns the chats whose list changed,
   * so listeners re-render only those.
   */
  merge(messages: readonly M[]): string[] {
    const grouped = new Map<string, M[]>();
    for (const message of messages) {
      const key = this.keyOf(message);
      if (!this.byChat.has(key)) {
        this.arriving.get(key)?.push(message);
        continue;
      }
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
    this.arriving.delete(chatId);
  }

  clear(): void {
    this.byChat.clear();
    this.arriving.clear();
  }

  private put(chatId: string, messages: readonly M[]): readonly M[] {
    this.byChat.set(chatId, messages);
    return messages;
  }
}

const EMPTY: readonly never[] = Object.freeze([]);
