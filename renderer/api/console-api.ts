import type { LoginResult, OperatorProfile } from '../../src/protocol';
import { ConsoleApiError, createHttpCall, serverError, type HttpConsoleApiOptions, type ServerUrl } from './http-call';

export { ConsoleApiError, type HttpConsoleApiOptions } from './http-call';

/**
 * The console's few HTTP calls: log in, log out, "who am I" (to resume a
 * session after a reload or a restart). `token` is the desktop app's bearer
 * token; the browser console leaves it out and relies on its cookie.
 */
export interface ConsoleApi {
  logIn(username: string, password: string): Promise<LoginResult>;
  logOut(token?: string): Promise<void>;
  /** The operator this session belongs to, or null when there is none (or it expired: 401). */
  me(token?: string): Promise<OperatorProfile | null>;
}

/**
 * The console API over fetch. `serverUrl` is '' for the page's own origin, or
 * a function read on every call (the desktop app's server URL is a setting
 * that can change while it runs).
 */
export function createHttpConsoleApi(serverUrl: ServerUrl, options: HttpConsoleApiOptions = {}): ConsoleApi {
  const call = createHttpCall(serverUrl, options);
  return {
    async logIn(username, password) {
      const response = await call('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (!response.ok) throw new ConsoleApiError(response.status, await errorMessage(response, 'Log in failed.'));
      return (await response.json()) as LoginResult;
    },
    async logOut(token) {
      await call('/api/logout', { method: 'POST' }, token);
    },
    async me(token) {
      const response = await call('/api/me', {}, token);
      if (response.status === 401 || response.status === 403) return null;
      if (!response.ok)
        throw new ConsoleApiError(response.status, await errorMessage(response, 'Could not check the session.'));
      const body = (await response.json()) as { operator?: OperatorProfile };
      return body.operator ?? null;
    },
  };
}

async function errorMessage(response: Response, fallback: string): Promise<string> {
  if (response.status === 401) return 'That username and password do not match.';
  return (await serverError(response)).message ?? fallback;
}
