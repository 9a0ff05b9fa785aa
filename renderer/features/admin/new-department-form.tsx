import { useId, useState, type FormEvent } from 'react';
import { useConsole } from '../../store/store-context';

/**
 * Add a department: its name, and optionally the id its widget's script tag
 * names (made from the name when left blank). Its hours and monitors are set
 * with Edit once it is in the list.
 */
export function NewDepartmentForm({ labelledBy }: { labelledBy: string }) {
  const createDepartment = useConsole((state) => state.createDepartment);
  const [name, setName] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    if (name.trim() === '') {
      setNameError('Enter a name: patrons and librarians see it.');
      return document.getElementById(`${id}-name`)?.focus();
    }
    setNameError(null);
    setBusy(true);
    const wanted = departmentId.trim();
    const refused = await createDepartment({ name: name.trim(), ...(wanted ? { id: wanted } : {}) });
    setBusy(false);
    if (refused) return setRefusal(refused);
    setName('');
    setDepartmentId('');
  };

  return (
    <form className="admin-form" aria-labelledby={labelledBy} onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={`${id}-name`}>Name</label>
      <input
        id={`${id}-name`}
        type="text"
        autoComplete="off"
        maxLength={80}
        value={name}
        aria-invalid={nameError ? true : undefined}
        aria-describedby={nameError ? `${id}-name-error` : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      {nameError ? (
        <p className="form-error" id={`${id}-name-error`}>
          {nameError}
        </p>
      ) : null}
      <label htmlFor={`${id}-id`}>Id (optional)</label>
      <input
        id={`${id}-id`}
        type="text"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={64}
        value={departmentId}
        aria-describedby={`${id}-id-hint`}
        onChange={(event) => setDepartmentId(event.target.value)}
      />
      <p className="settings-hint" id={`${id}-id-hint`}>
        Lower-case letters, digits and dashes, as in the widget’s script tag. Made from the name when left blank; it
        cannot change later.
      </p>
      <div className="account-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add department'}
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
