import type { StateCreator } from 'zustand';
import type { PatronHistoryEntry } from '../../src/protocol';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { ChatsSlice } from './chats-types';
import { bringReplyForward, viewWhenAsked } from './reply-forward';

type ChatsData = Pick<
  ChatsSlice,
  'chats' | 'claimNotes' | 'busy' | 'endedChats' | 'endedChatsError' | 'transcript' | 'patronHistory'
>;

export const initialChatsState: ChatsData = {
  chats: {},
  claimNotes: {},
  busy: {},
  endedChats: null,
  endedChatsError: null,
  transcript: null,
  patronHistory: {},
};

export const createChatsSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], ChatsSlice> =>
  (set, get) => {
    /** Chats whose patron history is being asked for (not state: nothing renders from it). */
    const historyAsked = new Set<string>();
    const markBusy = (chatId: string, action: 'preview' | 'claim' | 'end' | null) =>
      set((state) => {
        const busy = { ...state.busy };
        if (action) busy[chatId] = action;
        else delete busy[chatId];
        return { busy, actionErrors: without(state.actionErrors, chatId) };
      });

    const failed = (chatId: string, message: string) =>
      set((state) => ({ actionErrors: { ...state.actionErrors, [chatId]: message } }));

    const keepHistory = (chatId: string, history: PatronHistoryEntry[] | undefined) => {
      if (history) set((state) => ({ patronHistory: { ...state.patronHistory, [chatId]: history } }));
    };

    return {
      ...initialChatsState,

      async previewChat(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        get().openChat(chatId);
        markBusy(chatId, 'preview');
        const ack = await connection.preview(chatId);
        markBusy(chatId, null);
        if (ack.ok) keepHistory(chatId, ack.data.patronHistory);
        else failed(chatId, ack.error.message);
      },

      async loadEndedChatMessages(chatId) {
        const connection = runtime.connection();
        const state = get();
        if (!connection || state.chats[chatId]?.status !== 'ended' || chatId in state.messages || state.busy[chatId])
          return;
        markBusy(chatId, 'preview');
        // A preview of an ended chat holds its messages and follows nothing.
        const ack = await connection.preview(chatId);
        markBusy(chatId, null);
        if (ack.ok) keepHistory(chatId, ack.data.patronHistory);
        else failed(chatId, ack.error.message);
      },

      async claimChat(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        get().openChat(chatId);
        const before = viewWhenAsked(get());
        markBusy(chatId, 'claim');
        const ack = await connection.claim(chatId);
        markBusy(chatId, null);
        if (ack.ok) {
          keepHistory(chatId, ack.data.patronHistory);
          // Mouse or keyboard, the next thing the operator does is greet the patron.
          bringReplyForward(get(), chatId, before);
          return;
        }
        if (ack.error.code === 'ALREADY_CLAIMED') {
          set((state) => ({ claimNotes: { ...state.claimNotes, [chatId]: ack.error.message } }));
          get().announce(ack.error.message);
        } else {
          failed(chatId, ack.error.message);
        }
      },

      async endChat(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        markBusy(chatId, 'end');
        const ack = await connection.end(chatId);
        markBusy(chatId, null);
        if (ack.ok) get().openAnalytics(chatId);
        else failed(chatId, ack.error.message);
      },

      async loadEndedChats() {
        const connection = runtime.connection();
        if (!connection) return;
        set({ endedChatsError: null });
        const ack = await connection.endedChats({ limit: 50 });
        if (ack.ok) set({ endedChats: ack.data.chats });
        else set({ endedChatsError: ack.error.message });
      },

      async openTranscript(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        set({ rightView: 'transcript', transcript: { chatId, data: null, error: null }, transcriptFromReports: false });
        const ack = await connection.transcript(chatId);
        if (ack.ok) keepHistory(chatId, ack.data.patronHistory);
        // The operator may have opened another one meanwhile.
        if (get().transcript?.chatId !== chatId) return;
        set({
          transcript: ack.ok
            ? { chatId, data: ack.data, error: null }
            : { chatId, data: null, error: ack.error.message },
        });
      },

      async loadPatronHistory(chatId) {
        const connection = runtime.connection();
        // Asked once: a second look while the first answer is on its way (two renders) asks nothing.
        if (!connection || get().patronHistory[chatId] || historyAsked.has(chatId)) return;
        historyAsked.add(chatId);
        try {
          // The transcript request carries the history, for any chat this operator may read.
          const ack = await connection.transcript(chatId);
          if (ack.ok) keepHistory(chatId, ack.data.patronHistory ?? []);
        } finally {
          historyAsked.delete(chatId);
        }
      },
    };
  };

export function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
