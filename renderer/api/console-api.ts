import type { LoginResult, OperatorProfile } from '../../src/protocol';

/** The console's few HTTP calls: log in, log out, "who am I" (to resume a session after a reload). */
export interface ConsoleApi {
  logIn(username: string, password: string): Promise<LoginResult>;
  logOut(): Promise<void>;
  /** The operator whose session cookie this browser holds, or null when there is none (or it expired). */
  me(): Promise<OperatorProfile | null>;
}

/** A failed HTTP call, with the server's own words when it gave any. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

/** The console API over fetch; `serverUrl` is '' for the page's own origin. */
export function createHttpConsoleApi(serverUrl: string): ConsoleApi {
  const base = serverUrl.replace(/\/$/, '');
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    try {
      return await fetch(`${base}${path}`, { credentials: 'include', ...init });
    } catch {
      throw new ConsoleApiError(0, 'Cannot reach the Deskbell server. Check the network and try again.');
    }
  };
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
    async logOut() {
      await call('/api/logout', { method: 'POST' });
    },
    async me() {
      const response = await call('/api/me');
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
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? fallback;
  } catch {
    return fallback;
  }
}
