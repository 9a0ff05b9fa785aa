import { useId, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { checkDisplayName } from '../account/password-rules';
import { DepartmentCheckboxes } from './department-checkboxes';
import { ROLE_LABELS } from './role-labels';

/**
 * Add a staff member: the server makes the account with a temporary password,
 * which the page then shows once (temporary-password-box.tsx). The username's
 * rules are the server's; its words come back here in role alert.
 */
export function NewAccountForm({ labelledBy }: { labelledBy: string }) {
  const createAccount = useConsole((state) => state.createAccount);
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ displayName?: string; username?: string }>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const name = checkDisplayName(displayName);
    const user = username.trim();
    const found = {
      ...(name.ok ? {} : { displayName: name.error }),
      ...(user ? {} : { username: 'Enter a username: the name they log in with.' }),
    };
    setErrors(found);
    if (!name.ok || !user) {
      document.getElementById(`${id}-${found.displayName ? 'displayName' : 'username'}`)?.focus();
      return;
    }
    setBusy(true);
    const refused = await createAccount({ displayName: name.displayName, username: user, role, departmentIds });
    setBusy(false);
    if (refused) return setRefusal(refused);
    setDisplayName('');
    setUsername('');
    setRole('operator');
    setDepartmentIds([]);
  };

  const described = (field: 'displayName' | 'username', hint = false) =>
    [hint ? `${id}-${field}-hint` : '', errors[field] ? `${id}-${field}-error` : ''].filter(Boolean).join(' ') ||
    undefined;

  return (
    <form className="admin-form" aria-labelledby={labelledBy} onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={`${id}-displayName`}>Name</label>
      <input
        id={`${id}-displayName`}
        type="text"
        autoComplete="off"
        value={displayName}
        aria-invalid={errors.displayName ? true : undefined}
        aria-describedby={described('displayName')}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      {errors.displayName ? (
        <p className="form-error" id={`${id}-displayName-error`}>
          {errors.displayName}
        </p>
      ) : null}
      <label htmlFor={`${id}-username`}>Username</label>
      <input
        id={`${id}-username`}
        type="text"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        value={username}
        aria-invalid={errors.username ? true : undefined}
        aria-describedby={described('username', true)}
        onChange={(event) => setUsername(event.target.value)}
      />
      <p className="settings-hint" id={`${id}-username-hint`}>
        2 to 40 letters, digits, dots, dashes or underscores.
      </p>
      {errors.username ? (
        <p className="form-error" id={`${id}-username-error`}>
          {errors.username}
        </p>
      ) : null}
      <label htmlFor={`${id}-role`}>Role</label>
      <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {ROLE_LABELS[value]}
          </option>
        ))}
      </select>
      <DepartmentCheckboxes selected={departmentIds} onChange={setDepartmentIds} />
      <div className="account-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add staff member'}
        </button>
      </div>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
    </form>
  );
}
