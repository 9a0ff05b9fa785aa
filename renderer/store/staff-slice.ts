import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { OpenStaffChat, StaffSlice } from './staff-types';

export type { OpenStaffChat, StaffReview, StaffSlice } from './staff-types';

export const initialStaffState: Pick<
  StaffSlice,
  'staffChat' | 'staffMessages' | 'staffPending' | 'staffRefused' | 'staffReview'
> = {
  staffChat: null,
  staffMessages: {},
  staffPending: {},
  staffRefused: {},
  staffReview: null,
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
      // Its messages reach the store as a 'staff-messages' event: the connection holds them.
      set({
        staffChat: { operatorId: colleague.id, name: colleague.displayName, chat: ack.data.staffChat, error: null },
      });
    },

    sendStaffMessage(body) {
      const open = get().staffChat;
      if (open?.chat && !open.review) runtime.connection()?.sendStaff(open.chat.id, body);
    },

    async loadStaffReview() {
      const connection = runtime.connection();
      if (!connection) return;
      set((state) => ({ staffReview: { chats: state.staffReview?.chats ?? null, error: null } }));
      const ack = await connection.listStaffChats(true);
      if (ack.ok) {
        const chats = [...ack.data.staffChats].sort((a, b) => (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0));
        set({ staffReview: { chats, error: null } });
      } else {
        set((state) => ({ staffReview: { chats: state.staffReview?.chats ?? null, error: ack.error.message } }));
      }
    },

    async openStaffReview(chat) {
      const me = get().operator?.id;
      const colleague = chat.members.find((member) => member.id !== me);
      const mine = chat.members.some((member) => member.id === me);
      const name = mine ? (colleague?.name ?? '') : chat.members.map((member) => member.name).join(' and ');
      const opened: OpenStaffChat = {
        operatorId: mine ? (colleague?.id ?? '') : '',
        name,
        chat,
        error: null,
        review: !mine,
      };
      set({ staffChat: opened, rightView: 'staff' });
      const connection = runtime.connection();
      if (!connection) return;
      const ack = await connection.staffHistory(chat.id, 0);
      if (get().staffChat?.chat?.id !== chat.id) return;
      if (!ack.ok) {
        set({ staffChat: { ...opened, error: ack.error.message } });
        return;
      }
      set({ staffChat: { ...opened, chat: ack.data.staffChat } });
    },
  });
