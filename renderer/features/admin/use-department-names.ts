import { useCallback } from 'react';
import { useConsole } from '../../store/store-context';

/**
 * Department names from the ones the console knows (console:sync); an id the
 * console does not know stays as it is rather than vanishing from the row.
 */
export function useDepartmentNames(): (ids: readonly string[]) => string {
  const departments = useConsole((state) => state.departments);
  return useCallback(
    (ids) => ids.map((id) => departments.find((department) => department.id === id)?.name ?? id).join(', ') || 'None',
    [departments],
  );
}
