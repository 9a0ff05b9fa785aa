import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { type FocusEvent, useCallback, useMemo, useRef } from 'react';

/**
 * A virtual list unmounts the rows scrolled out of view; the one holding the
 * keyboard focus must stay, or the focus falls back to the page and a
 * keyboard user loses their place. Rows carry `data-index` (TanStack
 * Virtual's own attribute); the list spreads `focusHandlers` on its element
 * and passes `rangeExtractor` to the virtualizer.
 */
export function useKeepFocusedRow() {
  const focused = useRef<number | null>(null);
  const rangeExtractor = useCallback((range: Range): number[] => {
    const rows = defaultRangeExtractor(range);
    const index = focused.current;
    if (index === null || index >= range.count || rows.includes(index)) return rows;
    return [...rows, index].sort((a, b) => a - b);
  }, []);
  const focusHandlers = useMemo(
    () => ({
      onFocus(event: FocusEvent<HTMLElement>) {
        const row = (event.target as Element).closest('[data-index]');
        focused.current = row ? Number(row.getAttribute('data-index')) : null;
      },
      onBlur(event: FocusEvent<HTMLElement>) {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) focused.current = null;
      },
    }),
    [],
  );
  return { rangeExtractor, focusHandlers };
}
