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
import { ConsoleApiError, createHttpCall, serverError, type HttpConsoleApiOptions, type ServerUrl } from './http-call';

/**
 * The Administration page's calls (`/api/admin/*`, admins only) and the
 * librarian's own account (`/api/me/*`). Like ConsoleApi, `token` is the
 * desktop app's bearer token; the browser leaves it out and sends its cookie.
 * Every answer is parsed with the contract's schemas (src/protocol/admin.ts);
 * a refusal throws ConsoleApiError with the server's own words.
 */
export interface AdminApi {
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

const okSchema = z.object({ ok: z.literal(true) });
const profileResultSchema = z.object({ operator: operatorProfileSchema });

export function createHttpAdminApi(serverUrl: ServerUrl, options: HttpConsoleApiOptions = {}): AdminApi {
  const call = createHttpCall(serverUrl, options);

  /** One call: JSON in (when there is a body), the answer checked against `schema`, refusals in words. */
  const request = async <S extends z.ZodType>(
    schema: S,
    path: string,
    init: { method?: 'GET' | 'POST' | 'PATCH'; body?: unknown; token?: string },
  ): Promise<z.infer<S>> => {
    const method = init.method ?? 'GET';
    const response = await call(
      path,
      {
        method,
        ...(method === 'GET'
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body ?? {}) }),
      },
      init.token,
    );
    if (!response.ok) {
      const { code, message } = await serverError(response);
      throw new ConsoleApiError(response.status, message ?? fallbackMessage(response.status), code);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ConsoleApiError(response.status, UNEXPECTED);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ConsoleApiError(response.status, UNEXPECTED);
    return parsed.data;
  };

  return {
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

const UNEXPECTED =
  'The Deskbell server gave an answer this console does not understand. Update the console or the server.';

/** Words for a refusal that came without the server's own (a proxy's error page, say). */
function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Log in again.';
  if (status === 403) return 'Only admins can do this.';
  if (status === 404) return 'That account no longer exists.';
  return `The Deskbell server refused (HTTP ${status}).`;
}
