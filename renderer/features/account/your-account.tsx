import { useId, useState, type FormEvent } from 'react';
import { useConsole } from '../../store/store-context';
import { PasswordChangeFields } from './password-change-form';
import { checkDisplayName, DISPLAY_NAME_MAX_LENGTH } from './password-rules';
import './account.css';

/** Settings' "Your account": the name colleagues and patrons see, and the password. Logged in only. */
export function YourAccount() {
  const id = useId();
  return (
    <section className="your-account" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Your account</h3>
      <DisplayNameForm />
      <h4>Change your password</h4>
      <PasswordChangeFields kind="own" />
    </section>
  );
}

function DisplayNameForm() {
  const displayName = useConsole((state) => state.operator?.displayName ?? '');
  const changeMyName = useConsole((state) => state.changeMyName);
  const [name, setName] = useState(displayName);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    setRefusal(null);
    const check = checkDisplayName(name);
    if (!check.ok) return setError(check.error);
    setError(null);
    if (check.displayName === displayName) return setNotice('Nothing changed.');
    setBusy(true);
    const refused = await changeMyName(check.displayName);
    setBusy(false);
    if (refused) return setRefusal(refused);
    setName(check.displayName);
    setNotice('Name saved.');
  };

  return (
    <form className="account-form" aria-label="Your name" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={`${id}-name`}>Display name</label>
      <input
        id={`${id}-name`}
        type="text"
        autoComplete="name"
        maxLength={DISPLAY_NAME_MAX_LENGTH + 20}
        value={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-name-hint${error ? ` ${id}-name-error` : ''}`}
        onChange={(event) => setName(event.target.value)}
      />
      <p className="settings-hint" id={`${id}-name-hint`}>
        Colleagues see it in Operators and staff chats; patrons see it beside your replies.
      </p>
      {error ? (
        <p className="form-error" id={`${id}-name-error`}>
          {error}
        </p>
      ) : null}
      <div className="account-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save name'}
        </button>
        <p className="settings-status" role="status">
          {notice}
        </p>
      </div>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
    </form>
  );
}
