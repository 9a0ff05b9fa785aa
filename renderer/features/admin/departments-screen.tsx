import { useId } from 'react';
import { DepartmentsTable } from './departments-table';
import { NewDepartmentForm } from './new-department-form';
import { TimeZoneForm } from './time-zone-form';

/**
 * Departments and hours: the chat departments in the order the widget and the
 * console list them, who monitors each and when it is open, in the library's
 * time zone; adding one.
 */
export function DepartmentsScreen() {
  const id = useId();
  return (
    <>
      <section className="admin-section" aria-labelledby={`${id}-list`}>
        <h3 id={`${id}-list`}>Departments</h3>
        <TimeZoneForm />
        <DepartmentsTable labelledBy={`${id}-list`} />
      </section>
      <section className="admin-section" aria-labelledby={`${id}-add`}>
        <h3 id={`${id}-add`}>Add a department</h3>
        <NewDepartmentForm labelledBy={`${id}-add`} />
      </section>
    </>
  );
}
