import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { type FocusEvent, useCallback, useMemo, useRef } from 'react';

/**
 * A virtual list unmounts the rows scrolled out of view; the one holding the
 * keyboard focus must stay, or the focus falls back to the page and a
 * keyboard user loses their place. Rows carry `data-index` (TanStack
 * Virtual's own attribute); the list spreads `focusHandlers` on its element
 * and passes `rangeExtractor` to the virtualizer.
 *
 * `keepLast` keeps the last row too: a live region (the message log)
 * announces rows as they enter the DOM, so the newest message must enter it
 * even while the operator reads far above.
 */
export function useKeepFocusedRow({ keepLast = false }: { keepLast?: boolean } = {}) {
  const focused = useRef<number | null>(null);
  const rangeExtractor = useCallback(
    (range: Range): number[] => {
      const rows = defaultRangeExtractor(range);
      const kept = [focused.current, keepLast ? range.count - 1 : null].filter(
        (index): index is number => index !== null && index >= 0 && index < range.count && !rows.includes(index),
      );
      return kept.length === 0 ? rows : [...new Set([...rows, ...kept])].sort((a, b) => a - b);
    },
    [keepLast],
  );
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
