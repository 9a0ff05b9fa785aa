import { useState } from 'react';
import type { StaffAccount } from '../../../src/protocol';
import { formatDateTime, isoOf } from '../../shared/format-time';
import { useNow } from '../../shared/use-now';
import { useConsole } from '../../store/store-context';
import { AccountEditDialog } from './account-edit-dialog';
import { formatLastSeen } from './admin-format';
import { DeactivateDialog } from './deactivate-dialog';
import { ROLE_LABELS, STATUS_LABELS } from './role-labels';
import { useDepartmentNames } from './use-department-names';

type Asking = { kind: 'edit' | 'deactivate'; account: StaffAccount } | null;

/** Every staff account, active first, by name; the actions an admin takes on each. */
export function AccountsTable({ labelledBy }: { labelledBy: string }) {
  const accounts = useConsole((state) => state.accounts);
  const error = useConsole((state) => state.accountsError);
  const loadAccounts = useConsole((state) => state.loadAccounts);
  const [asking, setAsking] = useState<Asking>(null);

  if (accounts === null) {
    return error ? (
      <div>
        <p className="form-error" role="alert">
          {error}
        </p>
        <button type="button" onClick={() => void loadAccounts()}>
          Try again
        </button>
      </div>
    ) : (
      <p role="status">Loading the staff accounts…</p>
    );
  }
  const rows = [...accounts].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName),
  );
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="admin-table-wrap">
        <table className="admin-table" aria-labelledby={labelledBy}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Departments</th>
              <th scope="col">Status</th>
              <th scope="col">Last seen</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((account) => (
              <AccountRow key={account.id} account={account} onAsk={setAsking} />
            ))}
          </tbody>
        </table>
      </div>
      {asking?.kind === 'edit' ? <AccountEditDialog account={asking.account} onClose={() => setAsking(null)} /> : null}
      {asking?.kind === 'deactivate' ? (
        <DeactivateDialog
          account={asking.account}
          onClose={() => setAsking(null)}
          returnFocus={() => rowButton(asking.account.id)}
        />
      ) : null}
    </>
  );
}

/** The row's first button (Edit), for the focus once the button that opened a dialog has gone. */
function rowButton(accountId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`tr[data-account-id="${CSS.escape(accountId)}"] button`);
}

function AccountRow({ account, onAsk }: { account: StaffAccount; onAsk(asking: Asking): void }) {
  const resetAccountPassword = useConsole((state) => state.resetAccountPassword);
  const reactivateAccount = useConsole((state) => state.reactivateAccount);
  const departmentNames = useDepartmentNames();
  const now = useNow();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = account.displayName;

  const act = async (action: () => Promise<string | null>) => {
    setRefusal(null);
    setBusy(true);
    const refused = await action();
    setBusy(false);
    setRefusal(refused);
    // Reactivate turns into Deactivate: keep the focus in the row rather than on the page's top.
    if (!refused) rowButton(account.id)?.focus();
  };

  return (
    <tr data-account-id={account.id} data-active={account.active} className={account.active ? undefined : 'inactive'}>
      <th scope="row">
        <bdi dir="auto">{name}</bdi>
        {account.active ? null : <span className="admin-tag admin-tag-inactive">Deactivated</span>}
        {account.active && account.mustChangePassword ? <span className="admin-tag">Temporary password</span> : null}
      </th>
      <td>{account.username}</td>
      <td>{ROLE_LABELS[account.role]}</td>
      <td>{departmentNames(account.departmentIds)}</td>
      <td>{account.active ? STATUS_LABELS[account.status] : 'Deactivated'}</td>
      <td>
        {account.lastSeenAt === null ? (
          'never'
        ) : (
          <time dateTime={isoOf(account.lastSeenAt)} title={formatDateTime(account.lastSeenAt)}>
            {formatLastSeen(account.lastSeenAt, now)}
          </time>
        )}
      </td>
      <td>
        <div className="admin-row-actions admin-row-actions-one-line">
          {/* Every row has the same buttons: the name says whose (the visible word first, for label-in-name). */}
          <button
            type="button"
            className="small"
            aria-label={`Edit ${name}`}
            onClick={() => onAsk({ kind: 'edit', account })}
          >
            Edit
          </button>
          {account.active ? (
            <>
              <button
                type="button"
                className="small"
                aria-label={`Reset password of ${name}`}
                disabled={busy}
                onClick={() => void act(() => resetAccountPassword(account.id))}
              >
                Reset password
              </button>
              <button
                type="button"
                className="small danger"
                aria-label={`Deactivate ${name}`}
                disabled={busy}
                onClick={() => onAsk({ kind: 'deactivate', account })}
              >
                Deactivate
              </button>
            </>
          ) : (
            <button
              type="button"
              className="small"
              aria-label={`Reactivate ${name}`}
              disabled={busy}
              onClick={() => void act(() => reactivateAccount(account.id))}
            >
              Reactivate
            </button>
          )}
        </div>
        {refusal ? (
          <p className="form-error" role="alert">
            {refusal}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
