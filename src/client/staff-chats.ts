import type { Ack } from '../protocol/ack';
import type { StaffChat, StaffMessage } from '../protocol/models';
import type { OperatorRequests, StaffChatWithMessages } from '../protocol/operator-contract';
import type { AckDataOf, RequestOf } from '../protocol/socket-contract';
import type { BackoffOptions } from './backoff';
import type { StaffFailedMessage, StaffPendingMessage } from './connection-events';
import { MessageBook } from './message-book';
import { newClientId } from './new-id';
import { SendPipeline } from './send-pipeline';

/** The requests a staff chat makes; the connection answers them (or refuses them at once while offline). */
type StaffRequestName = 'staff:open' | 'staff:history' | 'staff:list';

export interface StaffChatsOptions {
  /** A staff chat's held messages changed (or were loaded): the whole list, in order, each once. */
  onMessages: (staffChatId: string, messages: readonly StaffMessage[], live: boolean) => void;
  /** A staff chat's pending or refused sends changed. */
  onOutbox: (staffChatId: string) => void;
  /** A request through the connection, answered per the contract. */
  request: <K extends StaffRequestName>(
    event: K,
    payload: RequestOf<OperatorRequests, K>,
    what: string,
  ) => Promise<Ack<AckDataOf<OperatorRequests, K>>>;
  /** One try of `staff:send`; rejects when offline or unanswered, and the pipeline tries again. */
  sendOnce: (payload: StaffPendingMessage) => Promise<Ack<{ message: StaffMessage }>>;
  isConnected: () => boolean;
  backoff?: BackoffOptions;
}

/**
 * The console's staff chats (one-to-one chats between colleagues): their
 * messages, held once and in order (MessageBook), and the staff messages on
 * their way (SendPipeline on `staff:send`). Unlike a patron chat, every live
 * staff message is kept, also of a staff chat not opened yet: the review list
 * shows when each was last heard.
 */
export class StaffChats {
  private readonly book = MessageBook.forStaffChats();
  private readonly sends: SendPipeline<StaffPendingMessage, { message: StaffMessage }>;

  constructor(private readonly options: StaffChatsOptions) {
    this.sends = new SendPipeline({
      keyOf: (payload) => payload.staffChatId,
      emit: options.sendOnce,
      isConnected: options.isConnected,
      onDelivered: (result) => this.hold([result.message]),
      onChanged: options.onOutbox,
      backoff: options.backoff,
    });
  }

  /** The staff chat with a colleague (the server makes it on first use) and its whole, archived history. */
  async open(operatorId: string): Promise<Ack<StaffChatWithMessages>> {
    return this.holdChat(await this.options.request('staff:open', { operatorId }, 'the staff chat'));
  }

  /** A staff chat's messages after a sequence number (catching up after a reconnect). */
  async history(staffChatId: string, afterSeq: number): Promise<Ack<StaffChatWithMessages>> {
    return this.holdChat(await this.options.request('staff:history', { staffChatId, afterSeq }, 'the staff chat'));
  }

  /** Your own staff chats, or (supervisors and admins, with `all`) every one, for review. */
  list(all: boolean): Promise<Ack<{ staffChats: StaffChat[] }>> {
    return this.options.request('staff:list', { all }, 'the staff chats');
  }

  /** A staff chat's messages held so far, in sequence order, each once. */
  messages(staffChatId: string): readonly StaffMessage[] {
    return this.book.get(staffChatId);
  }

  /** A live `staff:message` push. */
  receive(message: StaffMessage): void {
    this.hold([message], [], true);
  }

  /** Queues a staff message; pending until stored, sent again with the same id like a chat message. */
  send(staffChatId: string, body: string): StaffPendingMessage | null {
    const text = body.trim();
    if (text === '') return null;
    const payload = { staffChatId, id: newClientId(), body: text };
    this.sends.send(payload);
    return payload;
  }

  pending(staffChatId: string): StaffPendingMessage[] {
    return this.sends.pending(staffChatId);
  }

  refused(staffChatId: string): StaffFailedMessage[] {
    return this.sends.refused(staffChatId);
  }

  /** Sends what waits (after a reconnect and its catch-up). */
  flush(): void {
    this.sends.flush();
  }

  /** Drops what waits, for good (log out). */
  stop(): void {
    this.sends.stop();
  }

  /** Answers with the staff chat's messages as held (what was held before, and what the answer brought). */
  private holdChat(ack: Ack<StaffChatWithMessages>): Ack<StaffChatWithMessages> {
    if (!ack.ok) return ack;
    const { staffChat } = ack.data;
    this.book.load(staffChat.id, ack.data.messages);
    this.hold(ack.data.messages, [staffChat.id]);
    return { ok: true, data: { staffChat, messages: [...this.book.get(staffChat.id)] } };
  }

  /** Holds staff messages (each once, in order) and tells of every staff chat that changed. */
  private hold(messages: readonly StaffMessage[], alsoAnnounce: readonly string[] = [], live = false): void {
    // Load, not merge: a live message is kept even for a staff chat never opened.
    const before = new Map<string, readonly StaffMessage[]>();
    for (const message of messages) {
      if (!before.has(message.staffChatId)) before.set(message.staffChatId, this.book.get(message.staffChatId));
      this.book.load(message.staffChatId, [message]);
    }
    const changed = new Set(alsoAnnounce);
    for (const [staffChatId, held] of before) if (this.book.get(staffChatId) !== held) changed.add(staffChatId);
    for (const staffChatId of changed) this.options.onMessages(staffChatId, this.book.get(staffChatId), live);
  }
}
