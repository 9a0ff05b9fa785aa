import { useId } from 'react';
import { useConsole } from '../../store/store-context';

interface DepartmentCheckboxesProps {
  selected: readonly string[];
  onChange(ids: string[]): void;
}

/**
 * A checkbox per department, in a labelled group: the Administration page's
 * own list when loaded (it has the ones added since this console synced),
 * else the ones the console knows.
 */
export function DepartmentCheckboxes({ selected, onChange }: DepartmentCheckboxesProps) {
  const synced = useConsole((state) => state.departments);
  const administered = useConsole((state) => state.adminDepartments);
  const departments = administered ? administered.filter((department) => department.active) : synced;
  const id = useId();
  // Ids held by the account that this console does not know stay selected (and sent back unchanged).
  const unknown = selected.filter((departmentId) => !departments.some((department) => department.id === departmentId));
  return (
    <fieldset className="admin-departments">
      <legend>Departments</legend>
      {departments.length === 0 ? <p className="empty">No departments yet.</p> : null}
      {departments.map((department) => (
        <div className="settings-check" key={department.id}>
          <input
            id={`${id}-${department.id}`}
            type="checkbox"
            checked={selected.includes(department.id)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...selected, department.id]
                  : selected.filter((departmentId) => departmentId !== department.id),
              )
            }
          />
          <label htmlFor={`${id}-${department.id}`}>{department.name}</label>
        </div>
      ))}
      {unknown.length > 0 ? <p className="settings-hint">Also in: {unknown.join(', ')}</p> : null}
    </fieldset>
  );
}
