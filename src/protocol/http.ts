import type { OperatorProfile } from './models';

/** The cookie the browser console authenticates with; the desktop client sends a bearer token instead. */
export const SESSION_COOKIE = 'deskbell_session';

export interface LoginResult {
  /** The bearer token, for clients that cannot hold a cookie (the desktop app). */
  token: string;
  operator: OperatorProfile;
}

export interface HealthResult {
  ok: true;
  database: 'sqlite' | 'postgres';
  version: string;
}

export interface HttpError {
  error: { code: string; message: string };
}
