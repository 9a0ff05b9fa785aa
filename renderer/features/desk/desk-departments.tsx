import { useShallow } from 'zustand/react/shallow';
import type { DeskDepartment, OperatorPresence, OperatorStatus } from '../../../src/protocol';
import { useNow } from '../../shared/use-now';
import { darkDeskWords } from '../../store/desk-alerts';
import { useConsole } from '../../store/store-context';

const SHOWN_STATUSES: Array<[OperatorStatus, string]> = [
  ['online', 'Online'],
  ['internal', 'Internal'],
  ['away', 'Away'],
];

/**
 * Names of the colleagues monitoring the department with this status, or a dash. Monitoring, as the
 * server's online rooms count it: a supervisor is Online for the departments they monitor, not all.
 */
function namesWith(operators: readonly OperatorPresence[], department: DeskDepartment, status: OperatorStatus) {
  const names = operators
    .filter((operator) => operator.status === status && operator.departmentIds.includes(department.id))
    .map((operator) => operator.displayName)
    .sort((a, b) => a.localeCompare(b));
  return names.length > 0 ? names.join(', ') : '—';
}

function coverageText(department: DeskDepartment, now: number): string {
  switch (department.coverage) {
    case 'covered':
      return department.onlineOutsideHours ? 'Online outside hours' : 'Covered';
    case 'closed':
      return department.onlineOutsideHours ? 'Closed, but someone is Online' : 'Closed';
    case 'dark':
      return `Dark: ${darkDeskWords(department, now)}`;
    case 'alarm':
      return `Dark desk! ${darkDeskWords(department, now)}`;
  }
}

/** Each department: its hours now, who covers it, and whether it went dark. */
export function DepartmentsTable() {
  const departments = useConsole((state) => state.deskOverview?.departments ?? null);
  const operators = useConsole(useShallow((state) => Object.values(state.operators)));
  const now = useNow(10_000);
  return (
    <section className="desk-section" aria-labelledby="desk-departments">
      <h3 id="desk-departments">Departments</h3>
      {departments === null ? (
        <p>Loading the departments…</p>
      ) : (
        <table className="desk-table">
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col">Hours</th>
              {SHOWN_STATUSES.map(([status, label]) => (
                <th key={status} scope="col">
                  {label}
                </th>
              ))}
              <th scope="col">Coverage</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((department) => (
              <tr key={department.id} data-department={department.id} data-coverage={department.coverage}>
                <th scope="row">{department.name}</th>
                <td>
                  {department.hours.open
                    ? 'Open'
                    : department.hours.opensText
                      ? `Closed; opens ${department.hours.opensText}`
                      : 'Closed'}
                </td>
                {SHOWN_STATUSES.map(([status]) => (
                  <td key={status}>{namesWith(operators, department, status)}</td>
                ))}
                <td className={`coverage coverage-${department.coverage}`}>{coverageText(department, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
