import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { SuperviseSlice } from './supervise-types';
import { bringReplyForward, viewWhenAsked } from './reply-forward';

export type { SuperviseSlice } from './supervise-types';

/**
 * Reassign and Take over, for supervisors and admins. The server decides
 * (chat:reassign, chat:take-over); the chat's new state arrives through the
 * connection like every other change, so this slice keeps only what is on
 * its way and what was refused.
 */
export const createSuperviseSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], SuperviseSlice> =>
  (set, get) => {
    const mark = (chatId: string, action: SuperviseSlice['superviseBusy'][string] | null) =>
      set((state) => {
        const superviseBusy = { ...state.superviseBusy };
        if (action) superviseBusy[chatId] = action;
        else delete superviseBusy[chatId];
        const actionErrors = { ...state.actionErrors };
        delete actionErrors[chatId];
        return { superviseBusy, actionErrors };
      });
    const failed = (chatId: string, message: string) =>
      set((state) => ({ actionErrors: { ...state.actionErrors, [chatId]: message } }));

    return {
      superviseBusy: {},

      async reassignChat(chatId, to) {
        const connection = runtime.connection();
        if (!connection) return false;
        mark(chatId, 'reassign');
        const ack = await connection.reassign(chatId, to.id);
        mark(chatId, null);
        // The server's words, e.g. TRANSFER_TARGET_UNAVAILABLE for a colleague who went Away meanwhile.
        if (!ack.ok) failed(chatId, ack.error.message);
        else get().announce(`The chat is now with ${to.name}.`);
        return ack.ok;
      },

      async takeOverChat(chatId) {
        const connection = runtime.connection();
        if (!connection) return;
        const before = viewWhenAsked(get());
        mark(chatId, 'take-over');
        const ack = await connection.takeOver(chatId);
        mark(chatId, null);
        if (!ack.ok) return failed(chatId, ack.error.message);
        bringReplyForward(get(), chatId, before);
      },
    };
  };
