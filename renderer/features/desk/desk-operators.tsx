import { useShallow } from 'zustand/react/shallow';
import { OPERATOR_STATUSES, type OperatorStatus } from '../../../src/protocol';
import { statusLabel } from '../../../src/domain/presence';
import type { ConsoleState } from '../../store/console-state';
import { useConsole } from '../../store/store-context';

const ROLE_WORDS = { operator: 'Operator', supervisor: 'Supervisor', admin: 'Admin' } as const;

/** Active chats per operator: the owner's count (participants help; the owner answers). */
const selectLoad = (state: ConsoleState): Record<string, number> => {
  const load: Record<string, number> = {};
  for (const chat of Object.values(state.chats)) {
    if (chat.status === 'active' && chat.ownerId) load[chat.ownerId] = (load[chat.ownerId] ?? 0) + 1;
  }
  return load;
};

/** Each colleague's status (a supervisor may change it: a forgotten Online at closing time) and load. */
export function OperatorLoadTable() {
  const operators = useConsole(
    useShallow((state) => Object.values(state.operators).sort((a, b) => a.displayName.localeCompare(b.displayName))),
  );
  const load = useConsole(useShallow(selectLoad));
  const departments = useConsole((state) => state.departments);
  const setColleagueStatus = useConsole((state) => state.setColleagueStatus);
  const nameOf = (id: string) => departments.find((department) => department.id === id)?.name ?? id;
  return (
    <section className="desk-section" aria-labelledby="desk-operators">
      <h3 id="desk-operators">Operators</h3>
      <table className="desk-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Departments</th>
            <th scope="col">Active chats</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {operators.map((operator) => (
            <tr key={operator.id} data-operator-id={operator.id}>
              <th scope="row">{operator.displayName}</th>
              <td>{ROLE_WORDS[operator.role]}</td>
              <td>{operator.departmentIds.map(nameOf).join(', ') || '—'}</td>
              <td>{load[operator.id] ?? 0}</td>
              <td>
                <select
                  aria-label={`Status of ${operator.displayName}`}
                  value={operator.status}
                  onChange={(event) =>
                    void setColleagueStatus(operator.id, event.currentTarget.value as OperatorStatus)
                  }
                >
                  {OPERATOR_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {statusLabel(status)}
                    </option>
                  ))}
                </select>
                {operator.connected ? null : <span className="desk-muted"> (not connected)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
