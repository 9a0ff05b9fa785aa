import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState, SessionSlice } from './console-state';
import { bindConnection } from './connection-binding';
import { initialConnectionState } from './connection-slice';
import { initialChatsState } from './chats-slice';
import { initialMessagesState } from './messages-slice';
import { initialUiState } from './ui-slice';

type Creator = StateCreator<ConsoleState, [], [], SessionSlice>;

export const createSessionSlice =
  (runtime: ConsoleRuntime): Creator =>
  (set, get, store) => {
    /** Connects and routes the connection's events into the store. */
    const connect = (token: string | undefined) => {
      const connection = runtime.deps.createConnection(token);
      runtime.setConnection(connection, bindConnection(connection, store, runtime.deps.bridge));
      connection.connect();
    };

    /** Everything but the session itself back to its first state, so the next operator starts clean. */
    const resetWork = () =>
      set({ ...initialConnectionState, ...initialChatsState, ...initialMessagesState, ...initialUiState });

    return {
      phase: 'checking',
      operator: null,
      loginError: null,

      async restoreSession() {
        try {
          const operator = await runtime.deps.api.me();
          if (!operator) return set({ phase: 'logged-out' });
          set({ phase: 'logged-in', operator, loginError: null });
          connect(undefined);
        } catch (error) {
          set({ phase: 'logged-out', loginError: (error as Error).message });
        }
      },

      async logIn(username, password) {
        set({ phase: 'logging-in', loginError: null });
        try {
          const result = await runtime.deps.api.logIn(username, password);
          resetWork();
          set({ phase: 'logged-in', operator: result.operator });
          // The desktop app cannot rely on a cookie; the browser console does and keeps the token out of script.
          connect(runtime.deps.bridge.kind === 'electron' ? result.token : undefined);
        } catch (error) {
          set({ phase: 'logged-out', loginError: (error as Error).message });
        }
      },

      async logOut() {
        runtime.setConnection(null);
        resetWork();
        set({ phase: 'logged-out', operator: null, loginError: null });
        try {
          await runtime.deps.api.logOut();
        } catch {
          // The session is gone from this console either way; the server expires it on its own.
        }
        get().announce('Logged out.');
      },
    };
  };
