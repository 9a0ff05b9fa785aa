import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { LeaveIntent, LeaveSlice } from './leave-types';
import { selectChatsInProgress } from './selectors';

/**
 * An operator who leaves hands their chats on. Logging out or choosing
 * Offline with chats in progress asks first; handing back puts each chat in
 * its department's queue (chats:hand-back), and only then does the console
 * log out or go Offline, so no patron is left talking to nobody.
 */
export const createLeaveSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], LeaveSlice> =>
  (set, get) => {
    const leave = async (intent: LeaveIntent): Promise<void> => {
      if (intent === 'log-out') await get().logOut();
      else await get().setStatus('offline');
    };
    return {
      leaving: null,

      async requestLeave(intent) {
        const chats = selectChatsInProgress(get()).length;
        if (chats === 0 || !runtime.connection()) return leave(intent);
        set({ leaving: { intent, chats, working: false, error: null } });
      },

      async handBackAndLeave() {
        const leaving = get().leaving;
        const connection = runtime.connection();
        if (!leaving || !connection) return;
        set({ leaving: { ...leaving, working: true, error: null } });
        const ack = await connection.handBack();
        if (!ack.ok) {
          set({ leaving: { ...leaving, working: false, error: ack.error.message } });
          return;
        }
        set({ leaving: null });
        get().announce(
          `${ack.data.chats.length} ${ack.data.chats.length === 1 ? 'chat' : 'chats'} handed back to the queue.`,
        );
        await leave(leaving.intent);
      },

      stayOn() {
        set({ leaving: null });
      },
    };
  };
