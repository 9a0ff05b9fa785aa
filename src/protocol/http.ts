import type { OperatorProfile } from './models';

/** The cookie the browser console authenticates with; the desktop client sends a bearer token instead. */
export const SESSION_COOKIE = 'deskbell_session';

export interface LoginResult {
  /**
   * The bearer token, for clients that cannot hold a cookie: the desktop app
   * (Origin `deskbell-app://console`) and non-browser clients. A browser page
   * never gets it; it has the httpOnly cookie instead.
   */
  token?: string;
  operator: OperatorProfile;
}

export interface HealthResult {
  ok: true;
  database: 'sqlite' | 'postgres';
}

export interface HttpError {
  error: { code: string; message: string };
}
