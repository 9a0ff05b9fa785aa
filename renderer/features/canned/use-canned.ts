import { useCallback, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConsole } from '../../store/store-context';

/**
 * The canned messages as the composer uses them, with a way to load them the
 * first time they are needed (typing `/`, opening the picker) rather than at
 * log-in: most chats never use one.
 */
export function useCannedMessages() {
  const { canned, error, loadCanned, departments } = useConsole(
    useShallow((state) => ({
      canned: state.canned,
      error: state.cannedError,
      loadCanned: state.loadCanned,
      departments: state.departments,
    })),
  );
  const asked = useRef(false);

  /** Loads them once per box; a failed load is not retried on every key (the picker asks again). */
  const ensureLoaded = useCallback(() => {
    if (canned !== null || asked.current) return;
    asked.current = true;
    void loadCanned();
  }, [canned, loadCanned]);

  const departmentName = useCallback(
    (id: string | null) => departments.find((department) => department.id === id)?.name ?? id ?? '',
    [departments],
  );

  return { canned, error, ensureLoaded, reload: loadCanned, departmentName };
}
