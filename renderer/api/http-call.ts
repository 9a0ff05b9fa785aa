/**
 * The one way the console's HTTP clients reach the server: the base URL read
 * on every call, the browser's cookie or the desktop app's bearer token, and
 * an unreachable server turned into words. console-api.ts and admin-api.ts
 * both go through it, so they cannot drift apart on credentials.
 */

/** A failed HTTP call, with the server's own words when it gave any. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The server's error code (`LAST_ADMIN`, `USERNAME_TAKEN`, ...) when it sent one. */
    readonly code?: string,
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

/** `serverUrl` is '' for the page's own origin, or a function read on every call (a desktop setting). */
export type ServerUrl = string | (() => string);

export type HttpCall = (path: string, init?: RequestInit, token?: string) => Promise<Response>;

export function createHttpCall(serverUrl: ServerUrl, options: HttpConsoleApiOptions = {}): HttpCall {
  const base = () => (typeof serverUrl === 'function' ? serverUrl() : serverUrl).replace(/\/$/, '');
  const credentials = options.credentials ?? 'include';
  return async (path, init = {}, token) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(`${base()}${path}`, { credentials, ...init, headers });
    } catch {
      throw new ConsoleApiError(0, 'Cannot reach the Deskbell server. Check the network and try again.');
    }
  };
}

/** The server's `{error: {code, message}}`, or nothing when the body is not that. */
export async function serverError(response: Response): Promise<{ code?: string; message?: string }> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    return {
      code: typeof body.error?.code === 'string' ? body.error.code : undefined,
      message: typeof body.error?.message === 'string' ? body.error.message : undefined,
    };
  } catch {
    return {};
  }
}
