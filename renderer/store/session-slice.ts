import type { StateCreator } from 'zustand';
import type { OperatorProfile } from '../../src/protocol';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { SessionSlice } from './session-types';
import { bindConnection } from './connection-binding';
import { initialConnectionState } from './connection-slice';
import { initialChatsState } from './chats-slice';
import { initialMessagesState } from './messages-slice';
import { initialUiState } from './ui-slice';
import { initialOperatorsState } from './operators-slice';
import { initialStaffState } from './staff-slice';
import { initialUnreadWork } from './unread-slice';
import { initialActivityState } from './activity-slice';
import { adminApiOf, initialAdminState } from './admin-slice';
import { initialCannedState } from './canned-slice';
import { initialTransferState } from './transfer-slice';
import { initialTranscriptSearchState } from './transcript-search-slice';

type Creator = StateCreator<ConsoleState, [], [], SessionSlice>;

/** The desktop app cannot work without its bearer token: a server that sends none is refused in words. */
function desktopToken(token: string | undefined): string {
  if (!token)
    throw new Error('The server did not send a session token for the desktop app. Update the Deskbell server.');
  return token;
}

export const createSessionSlice =
  (runtime: ConsoleRuntime): Creator =>
  (set, get, store) => {
    const { api, bridge } = runtime.deps;
    /** The desktop app cannot rely on a cookie: it logs in with a bearer token it keeps itself. */
    const desktop = bridge.kind === 'electron';

    /** Connects and routes the connection's events into the store. */
    const connect = (token: string | undefined) => {
      const connection = runtime.deps.createConnection(token);
      runtime.setConnection(connection, bindConnection(connection, store, bridge));
      connection.connect();
    };

    /** Everything but the session itself back to its first state, so the next operator starts clean. */
    const resetWork = () =>
      set({
        ...initialConnectionState,
        ...initialChatsState,
        ...initialMessagesState,
        ...initialUiState,
        ...initialOperatorsState,
        ...initialStaffState,
        ...initialTransferState,
        ...initialActivityState,
        ...initialCannedState,
        ...initialAdminState,
        ...initialTranscriptSearchState,
        ...initialUnreadWork(),
      });

    const enter = (operator: OperatorProfile, token: string | undefined) => {
      runtime.token = token;
      set({ phase: 'logged-in', operator, loginError: null, settingsOpen: false });
      // A temporary password connects only once a new one is chosen (changeMyPassword): until then the
      // librarian is not online, takes no chats, and the console shows nothing but the new-password form.
      // Waiting is the robust choice: it works whether or not the server lets such a session's socket in.
      if (!operator.mustChangePassword) connect(token);
    };

    /** The desktop app's start: the saved token, checked with the server, or the login form. */
    const restoreDesktopSession = async () => {
      const stored = await bridge.loadSessionToken();
      set({ tokenPersisted: stored.persisted });
      if (!stored.token) return set({ phase: 'logged-out' });
      const operator = await api.me(stored.token);
      if (!operator) {
        // Expired or revoked (401): forget it, so the next start does not try it again.
        await bridge.saveSessionToken(null);
        return set({ phase: 'logged-out' });
      }
      enter(operator, stored.token);
    };

    /** Keeps the desktop app's token for the next start; says whether it could (see tokenPersisted). */
    const keepToken = async (token: string) => {
      try {
        set({ tokenPersisted: (await bridge.saveSessionToken(token)).persisted });
      } catch {
        set({ tokenPersisted: false });
      }
    };

    return {
      phase: 'checking',
      operator: null,
      loginError: null,
      tokenPersisted: null,

      async restoreSession() {
        try {
          if (desktop) return await restoreDesktopSession();
          const operator = await api.me();
          if (!operator) return set({ phase: 'logged-out' });
          enter(operator, undefined);
        } catch (error) {
          // The server could not be reached: a saved token stays for the next try.
          set({ phase: 'logged-out', loginError: (error as Error).message });
        }
      },

      async logIn(username, password) {
        set({ phase: 'logging-in', loginError: null });
        try {
          const result = await api.logIn(username, password);
          // The browser console relies on its httpOnly cookie: the server answers it without the token.
          const token = desktop ? desktopToken(result.token) : undefined;
          resetWork();
          if (token) await keepToken(token);
          enter(result.operator, token);
        } catch (error) {
          set({ phase: 'logged-out', loginError: (error as Error).message });
        }
      },

      async logOut() {
        const token = runtime.token;
        runtime.token = undefined;
        runtime.setConnection(null);
        resetWork();
        set({ phase: 'logged-out', operator: null, loginError: null });
        if (desktop) await bridge.saveSessionToken(null).catch(() => undefined);
        try {
          await api.logOut(token);
        } catch {
          // The session is gone from this console either way; the server expires it on its own.
        }
        get().announce('Logged out.');
      },

      async changeMyPassword(currentPassword, newPassword) {
        try {
          await adminApiOf(runtime).changeMyPassword({ currentPassword, newPassword }, runtime.token);
        } catch (error) {
          return (error as Error).message;
        }
        const operator = get().operator;
        if (operator?.mustChangePassword) {
          set({ operator: { ...operator, mustChangePassword: false } });
          connect(runtime.token);
        }
        get().announce('Password changed.');
        return null;
      },

      async changeMyName(displayName) {
        try {
          const profile = await adminApiOf(runtime).changeMyName(displayName, runtime.token);
          const operator = get().operator;
          // The name is the server's answer; the flag stays what this console knows (the form is past it).
          set({ operator: operator ? { ...operator, displayName: profile.displayName } : profile });
        } catch (error) {
          return (error as Error).message;
        }
        get().announce('Name changed.');
        return null;
      },
    };
  };
