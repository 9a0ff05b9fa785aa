import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CannedMessage } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { CannedEditor } from './canned-editor';
import { CannedRow } from './canned-row';
import './canned.css';

/**
 * The Canned messages page (header button, like Settings): an operator's own
 * ones, which they add, change and delete; and the shared ones of their
 * departments, which only admins manage (everyone else reads them here and
 * uses them in the message box).
 */
export function CannedPage() {
  const { canned, error, closeCanned, isAdmin, departments } = useConsole(
    useShallow((state) => ({
      canned: state.canned,
      error: state.cannedError,
      closeCanned: state.closeCanned,
      isAdmin: state.operator?.role === 'admin',
      departments: state.departments,
    })),
  );
  const id = useId();
  const departmentName = (departmentId: string | null) =>
    departments.find((department) => department.id === departmentId)?.name ?? departmentId ?? '';
  const personal = (canned ?? []).filter((item) => item.scope === 'personal');
  const shared = (canned ?? [])
    .filter((item) => item.scope === 'department')
    .sort(
      (a, b) =>
        departmentName(a.departmentId).localeCompare(departmentName(b.departmentId)) ||
        a.shortcut.localeCompare(b.shortcut),
    );

  return (
    <section className="canned-page" aria-labelledby={`${id}-title`}>
      <div className="canned-page-header">
        <h2 id={`${id}-title`}>Canned messages</h2>
        <button type="button" onClick={closeCanned}>
          Back to chats
        </button>
      </div>
      <p className="canned-intro">
        Type / and a shortcut in the message box, or use the Canned messages button next to Send, to insert one.
      </p>
      {canned === null ? (
        error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p role="status">Loading canned messages…</p>
        )
      ) : (
        <>
          <section className="canned-section" aria-labelledby={`${id}-personal`}>
            <h3 id={`${id}-personal`}>Your canned messages</h3>
            <CannedList
              label="Your canned messages"
              items={personal}
              empty="You have none yet."
              canManage
              departmentName={departmentName}
            />
            <h4>Add one of yours</h4>
            <CannedEditor target={{ kind: 'personal' }} label="New personal canned message" />
          </section>
          <section className="canned-section" aria-labelledby={`${id}-shared`}>
            <h3 id={`${id}-shared`}>Shared canned messages</h3>
            {isAdmin ? null : <p className="canned-hint">Shared by your departments; admins add and change them.</p>}
            <CannedList
              label="Shared canned messages"
              items={shared}
              empty="Your departments share none yet."
              canManage={isAdmin}
              departmentName={departmentName}
            />
            {isAdmin ? (
              <>
                <h4>Share one with a department</h4>
                <CannedEditor
                  target={{ kind: 'department' }}
                  label="New shared canned message"
                  departments={departments}
                />
              </>
            ) : null}
          </section>
        </>
      )}
    </section>
  );
}

interface CannedListProps {
  label: string;
  items: readonly CannedMessage[];
  empty: string;
  canManage: boolean;
  departmentName: (id: string | null) => string;
}

function CannedList({ label, items, empty, canManage, departmentName }: CannedListProps) {
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="canned-rows" aria-label={label}>
      {items.map((item) => (
        <CannedRow key={item.id} canned={item} canManage={canManage} departmentName={departmentName} />
      ))}
    </ul>
  );
}
