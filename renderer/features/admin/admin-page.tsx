import { useId } from 'react';
import { useConsole } from '../../store/store-context';
import { AccountsTable } from './accounts-table';
import { AuditLog } from './audit-log';
import { NewAccountForm } from './new-account-form';
import { TemporaryPasswordBox } from './temporary-password-box';
import './admin.css';

/**
 * The Administration page (admins; header button, like Settings): the staff
 * accounts and what can be done to them, adding one, and the audit log of
 * every such change. The server checks the role again on every call.
 */
export function AdminPage() {
  const closeAdmin = useConsole((state) => state.closeAdmin);
  const id = useId();
  return (
    <section className="admin-page" aria-labelledby={`${id}-title`}>
      <div className="admin-page-header">
        <h2 id={`${id}-title`}>Administration</h2>
        <button type="button" onClick={closeAdmin}>
          Back to chats
        </button>
      </div>
      <TemporaryPasswordBox />
      <section className="admin-section" aria-labelledby={`${id}-accounts`}>
        <h3 id={`${id}-accounts`}>Staff accounts</h3>
        <AccountsTable labelledBy={`${id}-accounts`} />
      </section>
      <section className="admin-section" aria-labelledby={`${id}-add`}>
        <h3 id={`${id}-add`}>Add a staff member</h3>
        <NewAccountForm labelledBy={`${id}-add`} />
      </section>
      <section className="admin-section" aria-labelledby={`${id}-audit`}>
        <h3 id={`${id}-audit`}>Audit log</h3>
        <AuditLog labelledBy={`${id}-audit`} />
      </section>
    </section>
  );
}
