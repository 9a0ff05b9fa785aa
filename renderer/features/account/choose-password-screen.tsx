import { useId } from 'react';
import { useConsole } from '../../store/store-context';
import { PasswordChangeFields } from './password-change-form';
import './account.css';

/**
 * All the console shows after a login with a temporary password (a new
 * account, a reset): choose a password of one's own, then the workspace
 * appears (session-slice.ts connects only then). Log out is the only way round.
 */
export function ChoosePasswordScreen() {
  const name = useConsole((state) => state.operator?.displayName ?? '');
  const logOut = useConsole((state) => state.logOut);
  const id = useId();
  return (
    <main className="login">
      <section className="login-card choose-password" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Choose a new password</h1>
        <p>
          Welcome, <bdi dir="auto">{name}</bdi>. You logged in with a temporary password: choose one of your own to
          start answering chats.
        </p>
        <PasswordChangeFields kind="temporary" autoFocus />
        <p className="choose-password-leave">
          <button type="button" className="link-button" onClick={() => void logOut()}>
            Log out
          </button>
        </p>
      </section>
    </main>
  );
}
