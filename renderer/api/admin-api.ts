import { z } from 'zod';
import {
  accountListSchema,
  accountResultSchema,
  ADMIN_PATHS,
  auditListSchema,
  operatorProfileSchema,
  temporaryPasswordResultSchema,
  type AuditEntry,
  type ChangePasswordRequest,
  type NewAccountRequest,
  type OperatorProfile,
  type StaffAccount,
  type TemporaryPasswordResult,
  type UpdateAccountRequest,
} from '../../src/protocol';
import { createAdminRequest } from './admin-request';
import { departmentAdminCalls, type DepartmentAdminApi } from './department-admin-api';
import { deskSettingsCalls, type DeskSettingsApi } from './desk-settings-api';
import type { HttpConsoleApiOptions, ServerUrl } from './http-call';

/**
 * The Administration page's calls (`/api/admin/*`, admins only) and the
 * librarian's own account (`/api/me/*`). Like ConsoleApi, `token` is the
 * desktop app's bearer token; the browser leaves it out and sends its cookie.
 * Every answer is parsed with the contract's schemas (src/protocol/admin.ts);
 * a refusal throws ConsoleApiError with the server's own words.
 */
export interface AccountAdminApi {
  listAccounts(token?: string): Promise<StaffAccount[]>;
  createAccount(request: NewAccountRequest, token?: string): Promise<TemporaryPasswordResult>;
  updateAccount(id: string, request: UpdateAccountRequest, token?: string): Promise<StaffAccount>;
  resetPassword(id: string, token?: string): Promise<TemporaryPasswordResult>;
  deactivate(id: string, token?: string): Promise<StaffAccount>;
  reactivate(id: string, token?: string): Promise<StaffAccount>;
  /** Newest first. */
  audit(limit: number, token?: string): Promise<AuditEntry[]>;
  changeMyPassword(request: ChangePasswordRequest, token?: string): Promise<void>;
  changeMyName(displayName: string, token?: string): Promise<OperatorProfile>;
}

/** Everything the Administration page and the own-account forms call. */
export type AdminApi = AccountAdminApi & DepartmentAdminApi & DeskSettingsApi;

const okSchema = z.object({ ok: z.literal(true) });
const profileResultSchema = z.object({ operator: operatorProfileSchema });

export function createHttpAdminApi(serverUrl: ServerUrl, options: HttpConsoleApiOptions = {}): AdminApi {
  const request = createAdminRequest(serverUrl, options);

  return {
    ...departmentAdminCalls(request),
    ...deskSettingsCalls(request),
    listAccounts: async (token) => (await request(accountListSchema, ADMIN_PATHS.accounts, { token })).accounts,
    createAccount: (body, token) =>
      request(temporaryPasswordResultSchema, ADMIN_PATHS.accounts, { method: 'POST', body, token }),
    updateAccount: async (id, body, token) =>
      (await request(accountResultSchema, ADMIN_PATHS.account(id), { method: 'PATCH', body, token })).account,
    resetPassword: (id, token) =>
      request(temporaryPasswordResultSchema, ADMIN_PATHS.resetPassword(id), { method: 'POST', token }),
    deactivate: async (id, token) =>
      (await request(accountResultSchema, ADMIN_PATHS.deactivate(id), { method: 'POST', token })).account,
    reactivate: async (id, token) =>
      (await request(accountResultSchema, ADMIN_PATHS.reactivate(id), { method: 'POST', token })).account,
    audit: async (limit, token) =>
      (await request(auditListSchema, `${ADMIN_PATHS.audit}?limit=${limit}`, { token })).entries,
    async changeMyPassword(body, token) {
      await request(okSchema, ADMIN_PATHS.myPassword, { method: 'POST', body, token });
    },
    changeMyName: async (displayName, token) =>
      (
        await request(profileResultSchema, ADMIN_PATHS.myProfile, {
          method: 'POST',
          body: { displayName },
          token,
        })
      ).operator,
  };
}
