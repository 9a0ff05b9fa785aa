import type { Virtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback } from 'react';

/** PageUp / PageDown move by this share of the log's height, as browsers do, so a line of context stays. */
const PAGE_SHARE = 0.875;

/**
 * Home, End, PageUp and PageDown in the focused message log, taken through
 * the virtualizer instead of the browser. The browser animates keyboard
 * scrolls, and the rows that mount on the way are measured and the scroll
 * position corrected for them while the animation still runs from where it
 * started: Home in a long chat stopped somewhere in the middle. A jump the
 * virtualizer makes itself lands, and keeps landing as the rows it reveals are
 * measured. Only keys aimed at the log itself (not a button in a row).
 */
export function useLogKeys(virtualizer: Virtualizer<HTMLDivElement, Element>) {
  return useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey)
        return;
      const log = event.currentTarget;
      const page = log.clientHeight * PAGE_SHARE;
      switch (event.key) {
        case 'Home':
          virtualizer.scrollToOffset(0);
          break;
        case 'End':
          virtualizer.scrollToEnd();
          break;
        case 'PageUp':
          virtualizer.scrollToOffset(Math.max(0, log.scrollTop - page));
          break;
        case 'PageDown':
          virtualizer.scrollToOffset(log.scrollTop + page);
          break;
        default:
          return;
      }
      event.preventDefault();
    },
    [virtualizer],
  );
}
