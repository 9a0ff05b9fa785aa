import type { OperatorProfile } from '../../src/protocol';

export type SessionPhase = 'checking' | 'logged-out' | 'logging-in' | 'logged-in';

export interface SessionSlice {
  phase: SessionPhase;
  operator: OperatorProfile | null;
  loginError: string | null;
  /**
   * The desktop app only: whether the login is kept (encrypted) for the next
   * start; false when the computer offers no encryption and it lives in memory
   * only. Null in a browser, which keeps its cookie.
   */
  tokenPersisted: boolean | null;
  /**
   * On start: resumes the session the cookie holds (browser) or the saved
   * token names (desktop app), or shows the login form.
   */
  restoreSession(): Promise<void>;
  logIn(username: string, password: string): Promise<void>;
  logOut(): Promise<void>;
  /**
   * Changes the librarian's own password; resolves to the server's refusal in
   * words, or null. After a temporary password it also clears
   * `operator.mustChangePassword` and connects (the workspace appears).
   */
  changeMyPassword(currentPassword: string, newPassword: string): Promise<string | null>;
  /** Changes the librarian's own display name; the store's operator follows. */
  changeMyName(displayName: string): Promise<string | null>;
}
