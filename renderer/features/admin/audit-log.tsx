import { useConsole } from '../../store/store-context';
import { formatDateTime, isoOf } from '../../shared/format-time';
import { describeChange } from './admin-format';

/** The newest administrative changes: when, who, what, to whom, and what changed. */
export function AuditLog({ labelledBy }: { labelledBy: string }) {
  const entries = useConsole((state) => state.audit);
  const error = useConsole((state) => state.auditError);
  const accounts = useConsole((state) => state.accounts);
  const departments = useConsole((state) => state.adminDepartments);
  const loadAudit = useConsole((state) => state.loadAudit);
  const targetName = (kind: string, targetId: string | null) => {
    if (targetId === null) return kind;
    const name =
      kind === 'department'
        ? departments?.find((item) => item.id === targetId)?.name
        : accounts?.find((item) => item.id === targetId)?.displayName;
    return name ?? `${kind} ${targetId}`;
  };

  return (
    <>
      <button type="button" className="small" onClick={() => void loadAudit()}>
        Refresh
      </button>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {entries === null ? (
        error ? null : (
          <p role="status">Loading the audit log…</p>
        )
      ) : entries.length === 0 ? (
        <p className="empty">Nothing recorded yet.</p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table audit-table" aria-labelledby={labelledBy}>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-audit-id={entry.id}>
                  <td>
                    <time dateTime={isoOf(entry.at)}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td>
                    <bdi dir="auto">{entry.actorName}</bdi>
                  </td>
                  <td>{entry.action}</td>
                  <td>
                    <bdi dir="auto">{targetName(entry.targetKind, entry.targetId)}</bdi>
                  </td>
                  <td className="audit-change">{describeChange(entry.before, entry.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
