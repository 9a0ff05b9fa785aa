import { useId, useState, type FormEvent } from 'react';
import { getDesktopBridge, prepareAlerts } from '../../desktop/get-desktop-bridge';
import { useConsole } from '../../store/store-context';

/** The operator's username and password; logging in also asks the browser to allow pop-ups and sound. */
export function LoginForm() {
  const logIn = useConsole((state) => state.logIn);
  const phase = useConsole((state) => state.phase);
  const error = useConsole((state) => state.loginError);
  const openSettings = useConsole((state) => state.openSettings);
  const server = useConsole((state) => state.desktopSettings?.serverUrl ?? null);
  const desktop = getDesktopBridge().kind === 'electron';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Submitting is a user gesture: the one moment a browser lets us ask for notifications and sound.
    prepareAlerts(getDesktopBridge());
    void logIn(username, password);
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Deskbell</h1>
        <p className="login-subtitle">Operator console: log in to answer patron chats.</p>
        <label htmlFor={`${id}-username`}>Username</label>
        <input
          id={`${id}-username`}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={phase === 'logging-in'}>
          {phase === 'logging-in' ? 'Logging in…' : 'Log in'}
        </button>
        {desktop ? (
          // The desktop app is not served by a server: it says which one it will use, and where to change it.
          <p className="login-server">
            Server: <span className="login-server-url">{server ?? '…'}</span>{' '}
            <button type="button" className="link-button" onClick={openSettings}>
              Settings
            </button>
          </p>
        ) : null}
      </form>
    </main>
  );
}
