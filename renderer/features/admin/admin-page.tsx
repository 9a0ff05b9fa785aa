import { useId, useState } from 'react';
import { useConsole } from '../../store/store-context';
import { AccountsTable } from './accounts-table';
import { AdminTabs } from './admin-tabs';
import { AuditLog } from './audit-log';
import { DepartmentsScreen } from './departments-screen';
import { DeskSettingsScreen } from './desk-settings-screen';
import { NewAccountForm } from './new-account-form';
import { TemporaryPasswordBox } from './temporary-password-box';
import './admin.css';

const TABS = [
  { key: 'accounts', label: 'Staff accounts' },
  { key: 'departments', label: 'Departments and hours' },
  { key: 'desk', label: 'Desk settings' },
  { key: 'audit', label: 'Audit log' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/**
 * The Administration page (admins; header button, like Settings): one tab per
 * screen (staff accounts, departments and hours, desk settings, the audit
 * log of every change). The server checks the role again on every call.
 */
export function AdminPage() {
  const closeAdmin = useConsole((state) => state.closeAdmin);
  const [tab, setTab] = useState<TabKey>('accounts');
  const id = useId();
  return (
    <section className="admin-page" aria-labelledby={`${id}-title`}>
      <div className="admin-page-header">
        <h2 id={`${id}-title`}>Administration</h2>
        <button type="button" onClick={closeAdmin}>
          Back to chats
        </button>
      </div>
      <AdminTabs<TabKey> label="Administration" tabs={TABS} selected={tab} onSelect={setTab}>
        {tab === 'accounts' ? <AccountsScreen /> : null}
        {tab === 'departments' ? <DepartmentsScreen /> : null}
        {tab === 'desk' ? <DeskSettingsScreen /> : null}
        {tab === 'audit' ? <AuditScreen /> : null}
      </AdminTabs>
    </section>
  );
}

function AccountsScreen() {
  const id = useId();
  return (
    <>
      <TemporaryPasswordBox />
      <section className="admin-section" aria-labelledby={`${id}-accounts`}>
        <h3 id={`${id}-accounts`}>Staff accounts</h3>
        <AccountsTable labelledBy={`${id}-accounts`} />
      </section>
      <section className="admin-section" aria-labelledby={`${id}-add`}>
        <h3 id={`${id}-add`}>Add a staff member</h3>
        <NewAccountForm labelledBy={`${id}-add`} />
      </section>
    </>
  );
}

function AuditScreen() {
  const id = useId();
  return (
    <section className="admin-section" aria-labelledby={`${id}-audit`}>
      <h3 id={`${id}-audit`}>Audit log</h3>
      <AuditLog labelledBy={`${id}-audit`} />
    </section>
  );
}
