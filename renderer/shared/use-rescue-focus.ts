import { type RefObject, useEffect } from 'react';

/**
 * When the right panel swaps what it shows (a chat, a transcript) because a
 * button in the old view was pressed (an earlier chat under Patron info,
 * "Back to the chat with …"), that button is gone and the keyboard focus falls
 * back to the page: a keyboard or screen reader user starts again from the
 * top. Each time `key` changes, the new view's heading takes the focus, but
 * only if nothing else holds it (a row clicked in the left column keeps it).
 * The heading needs `tabIndex={-1}`.
 */
export function useRescueFocus(target: RefObject<HTMLElement | null>, key: string): void {
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) target.current?.focus({ preventScroll: true });
  }, [target, key]);
}
