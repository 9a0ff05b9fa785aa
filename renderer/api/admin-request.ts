import type { z } from 'zod';
import { ConsoleApiError, createHttpCall, serverError, type HttpConsoleApiOptions, type ServerUrl } from './http-call';

/** One Administration call: JSON in (when there is a body), the answer checked against `schema`. */
export type AdminRequest = <S extends z.ZodType>(
  schema: S,
  path: string,
  init?: { method?: 'GET' | 'POST' | 'PATCH' | 'PUT'; body?: unknown; token?: string },
) => Promise<z.infer<S>>;

/**
 * What every Administration client shares (accounts, departments, desk
 * settings): a refusal throws ConsoleApiError with the server's own words, an
 * answer that does not match the contract throws one that says so.
 */
export function createAdminRequest(serverUrl: ServerUrl, options: HttpConsoleApiOptions = {}): AdminRequest {
  const call = createHttpCall(serverUrl, options);
  return async (schema, path, init = {}) => {
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
}

const UNEXPECTED =
  'The Deskbell server gave an answer this console does not understand. Update the console or the server.';

/** Words for a refusal that came without the server's own (a proxy's error page, say). */
function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Log in again.';
  if (status === 403) return 'Only admins can do this.';
  if (status === 404) return 'That no longer exists.';
  return `The Deskbell server refused (HTTP ${status}).`;
}
