import type { StaffFailedMessage, StaffPendingMessage } from '../../src/client/connection-events';
import type { OperatorPresence, StaffChat, StaffMessage } from '../../src/protocol';

/** The staff chat open in the right panel: with whom, and (once the server answered) which chat. */
export interface OpenStaffChat {
  /** The colleague; empty when a supervisor reviews a chat between two others. */
  operatorId: string;
  name: string;
  chat: StaffChat | null;
  error: string | null;
  /** A supervisor reading someone else's staff chat: no composer. */
  review?: boolean;
}

/** The supervisor's list of every staff chat, for review. */
export interface StaffReview {
  chats: StaffChat[] | null;
  error: string | null;
}

export interface StaffSlice {
  staffChat: OpenStaffChat | null;
  /** Held staff messages per staff chat, in sequence order, each once. */
  staffMessages: Record<string, readonly StaffMessage[]>;
  staffPending: Record<string, StaffPendingMessage[]>;
  staffRefused: Record<string, StaffFailedMessage[]>;
  /** Clicking a colleague on the Operators list: opens (or makes) the staff chat with its history. */
  openStaffChat(colleague: Pick<OperatorPresence, 'id' | 'displayName'>): Promise<void>;
  sendStaffMessage(body: string): void;
  /** Supervisors and admins: every staff chat, newest first; null until asked for. */
  staffReview: StaffReview | null;
  loadStaffReview(): Promise<void>;
  /** Opens a staff chat from the review list with its whole history (read-only unless I am in it). */
  openStaffReview(chat: StaffChat): Promise<void>;
}
