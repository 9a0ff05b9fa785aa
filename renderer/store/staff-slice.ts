import type { StateCreator } from 'zustand';
import type { StaffFailedMessage, StaffPendingMessage } from '../../src/client/operator-connection';
import type { OperatorPresence, StaffChat, StaffMessage } from '../../src/protocol';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';

/** The staff chat open in the right panel: with whom, and (once the server answered) which chat. */
export interface OpenStaffChat {
  operatorId: string;
  name: string;
  chat: StaffChat | null;
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
}

export const initialStaffState: Pick<StaffSlice, 'staffChat' | 'staffMessages' | 'staffPending' | 'staffRefused'> = {
  staffChat: null,
  staffMessages: {},
  staffPending: {},
  staffRefused: {},
};

export const createStaffSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], StaffSlice> =>
  (set, get) => ({
    ...initialStaffState,

    async openStaffChat(colleague) {
      set({
        staffChat: { operatorId: colleague.id, name: colleague.displayName, chat: null, error: null },
        rightView: 'staff',
      });
      const connection = runtime.connection();
      if (!connection) return;
      const ack = await connection.openStaffChat(colleague.id);
      // Another colleague may have been clicked meanwhile; only the latest click fills the panel.
      if (get().staffChat?.operatorId !== colleague.id) return;
      if (!ack.ok) {
        set({
          staffChat: { operatorId: colleague.id, name: colleague.displayName, chat: null, error: ack.error.message },
        });
        return;
      }
      const { staffChat, messages } = ack.data;
      set((state) => ({
        staffChat: { operatorId: colleague.id, name: colleague.displayName, chat: staffChat, error: null },
        staffMessages: {
          ...state.staffMessages,
          [staffChat.id]: mergeStaffMessages(state.staffMessages[staffChat.id] ?? [], messages),
        },
      }));
    },

    sendStaffMessage(body) {
      const chat = get().staffChat?.chat;
      if (chat) runtime.connection()?.sendStaff(chat.id, body);
    },
  });

/** Merges staff messages by sequence number: each once, in order (a live message and an ack may both bring one). */
export function mergeStaffMessages(held: readonly StaffMessage[], incoming: readonly StaffMessage[]): StaffMessage[] {
  const bySeq = new Map<number, StaffMessage>();
  for (const message of held) bySeq.set(message.seq, message);
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Files arriving staff messages under their chats. */
export function withStaffMessages(
  held: Record<string, readonly StaffMessage[]>,
  incoming: readonly StaffMessage[],
): Record<string, readonly StaffMessage[]> {
  const next = { ...held };
  for (const message of incoming) {
    next[message.staffChatId] = mergeStaffMessages(next[message.staffChatId] ?? [], [message]);
  }
  return next;
}
