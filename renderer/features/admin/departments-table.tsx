import { useEffect, useState } from 'react';
import type { AdminDepartment } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { DepartmentEditDialog } from './department-edit-dialog';
import { summarizeHours } from './hours-summary';
import { RetireDepartmentDialog } from './retire-department-dialog';

type Asking = { kind: 'edit' | 'retire'; department: AdminDepartment } | null;

/** Every department in the order patrons and librarians see them (retired ones too), and what can be done to each. */
export function DepartmentsTable({ labelledBy }: { labelledBy: string }) {
  const departments = useConsole((state) => state.adminDepartments);
  const error = useConsole((state) => state.adminDepartmentsError);
  const load = useConsole((state) => state.loadAdminDepartments);
  const [asking, setAsking] = useState<Asking>(null);

  if (departments === null) {
    return error ? (
      <div>
        <p className="form-error" role="alert">
          {error}
        </p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    ) : (
      <p role="status">Loading the departments…</p>
    );
  }
  return (
    <>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {departments.length === 0 ? <p className="empty">No departments yet: add the first one below.</p> : null}
      <div className="admin-table-wrap">
        <table className="admin-table" aria-labelledby={labelledBy}>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Name</th>
              <th scope="col">Monitored by</th>
              <th scope="col">Hours of service</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((department, index) => (
              <DepartmentRow
                key={department.id}
                department={department}
                place={index + 1}
                count={departments.length}
                onAsk={setAsking}
              />
            ))}
          </tbody>
        </table>
      </div>
      {asking?.kind === 'edit' ? (
        <DepartmentEditDialog department={asking.department} onClose={() => setAsking(null)} />
      ) : null}
      {asking?.kind === 'retire' ? (
        <RetireDepartmentDialog
          department={asking.department}
          onClose={() => setAsking(null)}
          returnFocus={() => rowButton(asking.department.id, 'Restore') ?? rowButton(asking.department.id, 'Edit')}
        />
      ) : null}
    </>
  );
}

/** A row's button by its visible word, for the focus once a move or a retire re-rendered the row. */
function rowButton(departmentId: string, word: string): HTMLButtonElement | null {
  const row = document.querySelector(`tr[data-department-id="${CSS.escape(departmentId)}"]`);
  return (
    [...(row?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
      (button) => button.textContent === word && !button.disabled,
    ) ?? null
  );
}

interface DepartmentRowProps {
  department: AdminDepartment;
  place: number;
  count: number;
  onAsk(asking: Asking): void;
}

function DepartmentRow({ department, place, count, onAsk }: DepartmentRowProps) {
  const moveDepartment = useConsole((state) => state.moveDepartment);
  const restoreDepartment = useConsole((state) => state.restoreDepartment);
  const accounts = useConsole((state) => state.accounts);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = department.name;
  const monitors =
    department.monitorIds
      .map((id) => accounts?.find((account) => account.id === id)?.displayName ?? id)
      .sort((a, b) => a.localeCompare(b))
      .join(', ') || 'Nobody';

  // Which button takes the focus once the row has re-rendered with its buttons enabled again.
  const [focusNext, setFocusNext] = useState<readonly string[] | null>(null);
  useEffect(() => {
    if (busy || !focusNext) return;
    setFocusNext(null);
    // The row moved (or its button changed): the focus follows it rather than falling to the page.
    for (const word of [...focusNext, 'Edit']) {
      const button = rowButton(department.id, word);
      if (button) return button.focus();
    }
  }, [busy, focusNext, department.id]);

  const act = async (action: () => Promise<string | null>, focusWords: readonly string[]) => {
    setRefusal(null);
    setBusy(true);
    const refused = await action();
    setBusy(false);
    setRefusal(refused);
    setFocusNext(focusWords);
  };
  const move = (by: -1 | 1) =>
    void act(
      () => moveDepartment(department.id, by),
      // At the top or bottom now, the same button is disabled: the other one takes the focus.
      by < 0 ? ['Move up', 'Move down'] : ['Move down', 'Move up'],
    );

  return (
    <tr
      data-department-id={department.id}
      data-active={department.active}
      className={department.active ? undefined : 'inactive'}
    >
      <td>{place}</td>
      <th scope="row">
        <bdi dir="auto">{name}</bdi>
        {department.active ? null : <span className="admin-tag admin-tag-inactive">Retired</span>}
        <div className="admin-id">{department.id}</div>
      </th>
      <td>{monitors}</td>
      <td>
        {/* One run of days a line: a week reads down, as on a library's door. */}
        {summarizeHours(department.hours)
          .split('; ')
          .map((line) => (
            <div key={line}>{line}</div>
          ))}
      </td>
      <td>
        <div className="admin-row-actions admin-row-actions-one-line">
          <button
            type="button"
            className="small"
            aria-label={`Move up ${name}`}
            disabled={busy || place === 1}
            onClick={() => move(-1)}
          >
            Move up
          </button>
          <button
            type="button"
            className="small"
            aria-label={`Move down ${name}`}
            disabled={busy || place === count}
            onClick={() => move(1)}
          >
            Move down
          </button>
          <button
            type="button"
            className="small"
            aria-label={`Edit ${name}`}
            onClick={() => onAsk({ kind: 'edit', department })}
          >
            Edit
          </button>
          {department.active ? (
            <button
              type="button"
              className="small danger"
              aria-label={`Retire ${name}`}
              disabled={busy}
              onClick={() => onAsk({ kind: 'retire', department })}
            >
              Retire
            </button>
          ) : (
            <button
              type="button"
              className="small"
              aria-label={`Restore ${name}`}
              disabled={busy}
              onClick={() => void act(() => restoreDepartment(department.id), ['Retire'])}
            >
              Restore
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
