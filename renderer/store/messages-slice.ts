import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { MessagesSlice } from './messages-types';

export const initialMessagesState: Pick<MessagesSlice, 'messages' | 'pending' | 'refused'> = {
  messages: {},
  pending: {},
  refused: {},
};

/**
 * Messages live in the connection (which merges them by sequence number and
 * keeps the outbox); this slice mirrors what it reports, chat by chat.
 */
export const createMessagesSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], MessagesSlice> =>
  () => ({
    ...initialMessagesState,

    sendMessage(chatId, body) {
      runtime.connection()?.send(chatId, body);
    },

    dismissRefused(messageId) {
      runtime.connection()?.dismissRefused(messageId);
    },
  });
