import { type FormEvent, useEffect, useId, useState } from 'react';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SETUP_HASH_PREFIX,
  SETUP_PATHS,
  type SetupCheckResult,
} from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import './account.css';

/** The set-up link's token, when the console was opened with one (`/console/#setup=<token>`). */
export function setupTokenOf(hash: string): string | null {
  if (!hash.startsWith(SETUP_HASH_PREFIX)) return null;
  const token = decodeURIComponent(hash.slice(SETUP_HASH_PREFIX.length)).trim();
  return token.length >= 16 ? token : null;
}

async function post(path: string, body: unknown): Promise<{ ok: boolean; data: Record<string, unknown> }> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, data: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

const errorText = (data: Record<string, unknown>) =>
  (data.error as { message?: string } | undefined)?.message ?? 'The server did not answer; try again.';

/**
 * A new colleague opened their one-time set-up link: greet them by name,
 * let them choose a password (twice), and they are logged in; the link is
 * used up. A used or expired link says so and offers the login form.
 */
export function SetupAccountScreen({ token, onDone }: { token: string; onDone: () => void }) {
  const restoreSession = useConsole((state) => state.restoreSession);
  const [who, setWho] = useState<SetupCheckResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const id = useId();

  useEffect(() => {
    void post(SETUP_PATHS.check, { token }).then(({ ok, data }) =>
      ok ? setWho(data as unknown as SetupCheckResult) : setProblem(errorText(data)),
    );
  }, [token]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH)
      return setFieldError(`Choose a password of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`);
    if (again !== password) return setFieldError('The two passwords are not the same. Type it again.');
    setFieldError(null);
    setSending(true);
    const { ok, data } = await post(SETUP_PATHS.redeem, { token, password });
    setSending(false);
    if (!ok) return setProblem(errorText(data));
    // Logged in by the server's cookie: forget the link and enter the console.
    onDone();
    await restoreSession();
  };

  return (
    <main className="login">
      <section className="login-card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Set up your Deskbell account</h1>
        {problem ? (
          <>
            <p className="form-error" role="alert">
              {problem}
            </p>
            <button type="button" className="primary" onClick={onDone}>
              Go to the login page
            </button>
          </>
        ) : who === null ? (
          <p role="status">Checking your set-up link…</p>
        ) : (
          <form
            className="setup-form"
            onSubmit={(event) => void submit(event)}
            aria-labelledby={`${id}-title`}
            noValidate
          >
            <p>
              Welcome, <bdi dir="auto">{who.displayName}</bdi>. Your username is <strong>{who.username}</strong>. Choose
              your password (at least {PASSWORD_MIN_LENGTH} characters).
            </p>
            <label htmlFor={`${id}-password`}>New password</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="new-password"
              value={password}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? `${id}-error` : undefined}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <label htmlFor={`${id}-again`}>New password again</label>
            <input
              id={`${id}-again`}
              type="password"
              autoComplete="new-password"
              value={again}
              onChange={(event) => setAgain(event.currentTarget.value)}
            />
            {fieldError ? (
              <p id={`${id}-error`} className="form-error" role="alert">
                {fieldError}
              </p>
            ) : null}
            <button type="submit" className="primary" disabled={sending}>
              Set password and log in
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
