import type { LoginResult, OperatorProfile } from '../../src/protocol';

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

export interface HttpConsoleApiOptions {
  /**
   * 'include' (the default) for the browser console's cookie; 'omit' for the
   * desktop app, which sends a bearer token to a server of another origin
   * (the server's CORS answer allows no credentials).
   */
  credentials?: RequestCredentials;
}

/**
 * The console API over fetch. `serverUrl` is '' for the page's own origin, or
 * a function read on every call (the desktop app's server URL is a setting
 * that can change while it runs).
 */
export function createHttpConsoleApi(
  serverUrl: string | (() => string),
  options: HttpConsoleApiOptions = {},
): ConsoleApi {
  const base = () => (typeof serverUrl === 'function' ? serverUrl() : serverUrl).replace(/\/$/, '');
  const credentials = options.credentials ?? 'include';
  const call = async (path: string, init: RequestInit = {}, token?: string): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(`${base()}${path}`, { credentials, ...init, headers });
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
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? fallback;
  } catch {
    return fallback;
  }
}
