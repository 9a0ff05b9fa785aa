import { useEffect } from 'react';
import { useConsole } from '../../store/store-context';

/** Visible and focused: the librarian can be reading the console. */
function isAttended(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * Tells the store whether the console is looked at (the page visible and the
 * window focused), so what is on screen counts as read only then and alerts
 * notify only when it is not.
 */
export function useAttention(): void {
  const setAttending = useConsole((state) => state.setAttending);
  useEffect(() => {
    const update = () => setAttending(isAttended());
    update();
    document.addEventListener('visibilitychange', update);
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
    };
  }, [setAttending]);
}
