import { useId, useRef, useState, type FormEvent } from 'react';
import { ROLES, type Role, type StaffAccount, type UpdateAccountRequest } from '../../../src/protocol';
import { ModalDialog } from '../../shared/modal-dialog';
import { useConsole } from '../../store/store-context';
import { checkDisplayName } from '../account/password-rules';
import { DepartmentCheckboxes } from './department-checkboxes';
import { ROLE_LABELS } from './role-labels';

interface AccountEditDialogProps {
  account: StaffAccount;
  onClose(): void;
}

/** Edit <name>: the name, the role and the departments; only what changed is sent. */
export function AccountEditDialog({ account, onClose }: AccountEditDialogProps) {
  const updateAccount = useConsole((state) => state.updateAccount);
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [departmentIds, setDepartmentIds] = useState<string[]>(account.departmentIds);
  const [nameError, setNameError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const name = checkDisplayName(displayName);
    if (!name.ok) {
      setNameError(name.error);
      return nameInput.current?.focus();
    }
    setNameError(null);
    const change: UpdateAccountRequest = {};
    if (name.displayName !== account.displayName) change.displayName = name.displayName;
    if (role !== account.role) change.role = role;
    if (!sameIds(departmentIds, account.departmentIds)) change.departmentIds = departmentIds;
    if (Object.keys(change).length === 0) return onClose();
    setBusy(true);
    const refused = await updateAccount(account.id, change);
    setBusy(false);
    if (refused) return setRefusal(refused);
    onClose();
  };

  return (
    <ModalDialog
      labelledBy={`${id}-title`}
      onClose={() => {
        if (!busy) onClose();
      }}
      initialFocus={nameInput}
      className="dialog admin-dialog"
    >
      <h2 id={`${id}-title`}>
        Edit <bdi dir="auto">{account.displayName}</bdi>
      </h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          type="text"
          value={displayName}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${id}-name-error` : undefined}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        {nameError ? (
          <p className="form-error" id={`${id}-name-error`}>
            {nameError}
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
        {refusal ? (
          <p className="form-error" role="alert">
            {refusal}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
