import type { StateCreator } from 'zustand';
import type { StaffAccount, TemporaryPasswordResult } from '../../src/protocol';
import { createHttpAdminApi, type AdminApi } from '../api/admin-api';
import type { AdminSlice } from './admin-types';
import { departmentAdminActions, initialDepartmentAdminState } from './department-admin-actions';
import { deskSettingsActions, initialDeskSettingsState } from './desk-settings-actions';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';

export type { AdminSlice } from './admin-types';

/** How many audit entries the page shows: the server's newest ones. */
export const AUDIT_PAGE_SIZE = 200;

export const initialAdminState: Pick<
  AdminSlice,
  | 'adminOpen'
  | 'accounts'
  | 'accountsError'
  | 'audit'
  | 'auditError'
  | 'temporaryPassword'
  | keyof typeof initialDepartmentAdminState
  | keyof typeof initialDeskSettingsState
> = {
  adminOpen: false,
  accounts: null,
  accountsError: null,
  audit: null,
  auditError: null,
  temporaryPassword: null,
  ...initialDepartmentAdminState,
  ...initialDeskSettingsState,
};

/**
 * The Administration and own-account calls go over HTTP (admin-api.ts), not the socket: they are rare and
 * form-shaped. Tests that never make them leave `adminApi` out; the page's own origin then.
 */
export const adminApiOf = (runtime: ConsoleRuntime): AdminApi => runtime.deps.adminApi ?? createHttpAdminApi('');

export const createAdminSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], AdminSlice> =>
  (set, get) => {
    const api = () => adminApiOf(runtime);

    /** The account as the server now has it, in the list; and in the session when it is the admin's own. */
    const accountChanged = (account: StaffAccount) => {
      set((state) => ({
        accounts: state.accounts
          ? state.accounts.some((item) => item.id === account.id)
            ? state.accounts.map((item) => (item.id === account.id ? account : item))
            : [...state.accounts, account]
          : state.accounts,
      }));
      const me = get().operator;
      if (me?.id === account.id) {
        const { displayName, role, departmentIds } = account;
        set({ operator: { ...me, displayName, role, departmentIds } });
        // Demoted themself (another admin remains): the page is no longer theirs.
        if (role !== 'admin') set({ adminOpen: false });
      }
      // Every change is recorded; the log shows it at once.
      void get().loadAudit();
    };

    /** The account as it now is, and its temporary password to hand on (shown once). */
    const showTemporaryPassword = (result: TemporaryPasswordResult, reason: 'created' | 'reset') => {
      accountChanged(result.account);
      set({
        temporaryPassword: {
          accountId: result.account.id,
          displayName: result.account.displayName,
          password: result.temporaryPassword,
          setupToken: result.setupToken,
          reason,
        },
      });
    };

    /** Runs one change; resolves to the server's words when it refused. */
    const attempt = async (change: () => Promise<void>): Promise<string | null> => {
      try {
        await change();
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };

    return {
      ...initialAdminState,
      ...departmentAdminActions(runtime, api, set, get),
      ...deskSettingsActions(runtime, api, set, get),

      openAdmin() {
        set({ adminOpen: true, settingsOpen: false, cannedOpen: false, reportsOpen: false, temporaryPassword: null });
        // Fresh each time: another admin may have changed accounts meanwhile.
        void get().loadAccounts();
        void get().loadAdminDepartments();
        void get().loadDeskSettings();
        void get().loadAudit();
      },

      closeAdmin: () => set({ adminOpen: false, temporaryPassword: null }),

      async loadAccounts() {
        try {
          set({ accounts: await api().listAccounts(runtime.token), accountsError: null });
        } catch (error) {
          set({ accountsError: (error as Error).message });
        }
      },

      async loadAudit() {
        try {
          set({ audit: await api().audit(AUDIT_PAGE_SIZE, runtime.token), auditError: null });
        } catch (error) {
          set({ auditError: (error as Error).message });
        }
      },

      createAccount: (request) =>
        attempt(async () => {
          const result = await api().createAccount(request, runtime.token);
          showTemporaryPassword(result, 'created');
          get().announce(`Account for ${result.account.displayName} added.`);
        }),

      updateAccount: (id, request) =>
        attempt(async () => {
          const account = await api().updateAccount(id, request, runtime.token);
          accountChanged(account);
          get().announce(`${account.displayName}'s account saved.`);
        }),

      resetAccountPassword: (id) =>
        attempt(async () => {
          const result = await api().resetPassword(id, runtime.token);
          showTemporaryPassword(result, 'reset');
        }),

      deactivateAccount: (id) =>
        attempt(async () => {
          const account = await api().deactivate(id, runtime.token);
          accountChanged(account);
          get().announce(`${account.displayName} deactivated.`);
        }),

      reactivateAccount: (id) =>
        attempt(async () => {
          const account = await api().reactivate(id, runtime.token);
          accountChanged(account);
          get().announce(`${account.displayName} reactivated.`);
        }),

      dismissTemporaryPassword: () => set({ temporaryPassword: null }),
    };
  };
