import type { DeskAlarm, FollowUp, StaffNote } from '../protocol/desk';
import type { EscalationStep } from '../protocol/escalation';
import type { AckError } from '../protocol/ack';
import type {
  ChatSummary,
  Message,
  OperatorPresence,
  OperatorStatus,
  ReadMark,
  StaffMessage,
} from '../protocol/models';
import type { PatronPresenceNotice, SyncResult, TypingNotice } from '../protocol/operator-contract';
import type { ScreenshareSession, ScreenshareSignal } from '../protocol/screenshare';
import type { ConsoleDeskSettings } from '../protocol/desk-settings';

/**
 * - `connecting`: the first connection is being made.
 * - `connected`: connected and caught up (`console:sync` answered).
 * - `reconnecting`: the connection dropped; socket.io is trying again by itself.
 * - `offline`: not trying: logged out, refused by the server, or closed.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** An operator's message on its way: shown as "Sending..." until the server has stored it. */
export interface PendingMessage {
  id: string;
  chatId: string;
  body: string;
  /**
   * Why the last try failed, while the outbox waits to send it again (the
   * server's database restarting, too many messages at once, no answer in time).
   */
  retrying?: AckError;
}

/** A message the server refused for good (the chat ended, it was too long, ...): shown with the reason. */
export interface FailedMessage extends Omit<PendingMessage, 'retrying'> {
  error: AckError;
}

/** A staff message on its way, shown as "Sending..." until the server has stored it. */
export interface StaffPendingMessage {
  id: string;
  staffChatId: string;
  body: string;
  /** Why the last try failed, while the outbox waits to send it again (the server is busy, ...). */
  retrying?: AckError;
}

/** A staff message the server refused for good, with the reason. */
export interface StaffFailedMessage extends Omit<StaffPendingMessage, 'retrying'> {
  error: AckError;
}

/** What the connection tells its listener (the console's store). */
export type OperatorConnectionEvent =
  | { type: 'state'; state: ConnectionState }
  /**
   * The snapshot after every (re)connect; chats not in it are no longer open to
   * this operator. `forgotten`: chats whose messages the connection no longer
   * holds (not caught up: ended, out of sight, or past the sync's cap); open
   * one again (preview) to load it afresh.
   */
  | { type: 'synced'; result: SyncResult; forgotten: string[] }
  /** A chat arrived or changed; `isNew` for a patron's new chat (`chat:new`). */
  | { type: 'chat'; chat: ChatSummary; isNew: boolean }
  /** A colleague transferred a chat to this operator (`chat:transfer-offered`): accept it to take it. */
  | { type: 'transfer-offered'; chat: ChatSummary }
  /** A supervisor gave this operator a chat (`chat:assigned`): it is theirs now, its messages held. */
  | { type: 'assigned'; chat: ChatSummary }
  /** Nobody accepted this operator's transfer in time, or the colleague declined it: the chat is theirs again. */
  | { type: 'transfer-returned'; chat: ChatSummary; declinedBy: string | null }
  /** A chat's held messages changed; `messages` is the whole list, in order, without duplicates. */
  | { type: 'messages'; chatId: string; messages: readonly Message[] }
  | { type: 'status'; status: OperatorStatus }
  /** A chat's pending or refused sends changed. */
  | { type: 'outbox'; chatId: string }
  /** A colleague's presence on the Operators list changed (`operators:presence`). */
  | { type: 'operator'; operator: OperatorPresence }
  /** A staff chat's held messages changed (live, an answer, the ack of one's own send): the whole list, in order, each once. */
  | {
      type: 'staff-messages';
      staffChatId: string;
      messages: readonly StaffMessage[];
      /** A live `staff:message` push (not an answer to open or history): worth an alert. */
      live?: boolean;
    }
  /** A staff chat's pending or refused sends changed. */
  | { type: 'staff-outbox'; staffChatId: string }
  /** Someone in a chat this operator follows started or stopped typing (`chat:typing`). */
  | { type: 'typing'; notice: TypingNotice }
  /** The patron of a followed chat lost their connection, came back, or left (`chat:patron-presence`). */
  | { type: 'patron-presence'; notice: PatronPresenceNotice }
  /** Another window of this account read a chat or staff chat further (`reads:marked`). */
  | { type: 'read-mark'; mark: ReadMark }
  /** An admin changed the Question Types or the patron fields (`desk:settings`): the lists as they now are. */
  | { type: 'desk-settings'; settings: ConsoleDeskSettings }
  /** A screenshare this operator is a party of changed (`screenshare:updated`). */
  | { type: 'screenshare'; session: ScreenshareSession }
  /** The other side of a screenshare signalled (offer, answer, candidate). */
  | { type: 'screenshare-signal'; sessionId: string; signal: ScreenshareSignal }
  /** A waiting chat climbed a rung of its escalation ladder (`chat:escalated`). */
  | { type: 'escalated'; chat: ChatSummary; step: EscalationStep }
  /** A department's dark-desk alarm was raised or cleared (`desk:alarm`, supervisors and admins). */
  | { type: 'desk-alarm'; alarm: DeskAlarm }
  /** A staff-only note in a chat (a whisper, a supervisor watching, a follow-up left). */
  | { type: 'staff-note'; note: StaffNote }
  /** A follow-up was left or answered. */
  | { type: 'follow-up'; followUp: FollowUp }
  /** The server refused this operator's session: log in again. */
  | { type: 'unauthorized'; message: string }
  /** Something to tell the operator that is not tied to one action (a bad payload, a failed sync). */
  | { type: 'problem'; message: string };

export type OperatorConnectionListener = (event: OperatorConnectionEvent) => void;
