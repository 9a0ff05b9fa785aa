import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { UiSlice } from './ui-types';

type UiData = Pick<
  UiSlice,
  'openChatId' | 'rightView' | 'chatTab' | 'leftTab' | 'actionErrors' | 'analytics' | 'announcement' | 'replyFocus'
>;

export const initialUiState: UiData = {
  openChatId: null,
  rightView: 'chat',
  chatTab: 'chat',
  leftTab: 'chats',
  actionErrors: {},
  analytics: null,
  announcement: '',
  replyFocus: null,
};

export const createUiSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], UiSlice> =>
  (set, get) => ({
    ...initialUiState,

    openChat(chatId) {
      if (get().openChatId !== chatId) set({ openChatId: chatId, chatTab: 'chat' });
      set({ rightView: 'chat' });
    },

    setChatTab: (chatTab) => set({ chatTab }),

    setLeftTab(leftTab) {
      set({ leftTab });
      if (leftTab === 'transcripts') void get().loadEndedChats();
    },

    openAnalytics: (chatId) => set({ analytics: { chatId, saving: false, error: null } }),

    closeAnalytics: () => set({ analytics: null }),

    async saveAnalytics(request) {
      const connection = runtime.connection();
      if (!connection) return;
      set({ analytics: { chatId: request.chatId, saving: true, error: null } });
      const ack = await connection.saveAnalytics(request);
      if (ack.ok) {
        set((state) => {
          const chat = state.chats[request.chatId];
          return {
            analytics: null,
            chats: chat ? { ...state.chats, [chat.id]: { ...chat, hasAnalytics: true } } : state.chats,
          };
        });
        get().announce('Analytics saved.');
      } else {
        set({ analytics: { chatId: request.chatId, saving: false, error: ack.error.message } });
      }
    },

    announce: (announcement) => set({ announcement }),

    focusReply: (chatId) => set((state) => ({ replyFocus: { chatId, ticket: (state.replyFocus?.ticket ?? 0) + 1 } })),

    replyFocused(ticket) {
      if (get().replyFocus?.ticket === ticket) set({ replyFocus: null });
    },
  });
