import { useId, useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import {
  checkPasswordChange,
  emptyPasswordForm,
  type PasswordChangeForm,
  type PasswordErrors,
  type PasswordField,
} from './password-rules';

interface PasswordChangeFormProps {
  /** 'temporary': the first login's forced change, whose first field is the password the admin handed on. */
  kind: 'own' | 'temporary';
  /** Focus the first field on mount (the forced screen has nothing else to do). */
  autoFocus?: boolean;
}

/** Current (or temporary) password, new, and again; checked here, then sent. Used by Settings and the first login. */
export function PasswordChangeFields({ kind, autoFocus }: PasswordChangeFormProps) {
  const changeMyPassword = useConsole((state) => state.changeMyPassword);
  const [form, setForm] = useState<PasswordChangeForm>(emptyPasswordForm);
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const formElement = useRef<HTMLFormElement>(null);
  const id = useId();
  const current = kind === 'temporary' ? 'temporary password' : 'current password';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    setRefusal(null);
    const check = checkPasswordChange(form, current);
    if (!check.ok) {
      setErrors(check.errors);
      // The first field to fix takes the focus, so its message is read out with it.
      const first = (['currentPassword', 'newPassword', 'repeatPassword'] as const).find((name) => check.errors[name]);
      formElement.current?.querySelector<HTMLInputElement>(`#${CSS.escape(`${id}-${first}`)}`)?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const refused = await changeMyPassword(check.request.currentPassword, check.request.newPassword);
    setBusy(false);
    if (refused) return setRefusal(refused);
    setForm(emptyPasswordForm);
    // After a temporary password the workspace replaces this form; in Settings it stays, so say it worked.
    setNotice('Password changed.');
  };

  const field = (name: PasswordField, label: string, autoComplete: string, hint?: string) => (
    <>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type="password"
        autoComplete={autoComplete}
        autoFocus={autoFocus && name === 'currentPassword'}
        value={form[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={
          [hint ? `${id}-${name}-hint` : '', errors[name] ? `${id}-${name}-error` : ''].filter(Boolean).join(' ') ||
          undefined
        }
        onChange={(event) => {
          const value = event.target.value;
          setForm((previous) => ({ ...previous, [name]: value }));
        }}
      />
      {hint ? (
        <p className="settings-hint" id={`${id}-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors[name] ? (
        <p className="form-error" id={`${id}-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </>
  );

  return (
    <form
      ref={formElement}
      className="account-form"
      aria-label={kind === 'temporary' ? 'Choose a new password' : 'Change your password'}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      {field('currentPassword', kind === 'temporary' ? 'Temporary password' : 'Current password', 'current-password')}
      {field('newPassword', 'New password', 'new-password', `At least ${PASSWORD_MIN_LENGTH} characters.`)}
      {field('repeatPassword', 'New password again', 'new-password')}
      <div className="account-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
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
