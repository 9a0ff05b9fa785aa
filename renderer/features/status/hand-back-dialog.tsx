import { useEffect, useId, useRef } from 'react';
import { useConsole } from '../../store/store-context';

/**
 * Asked before logging out or going Offline with chats in progress: hand them
 * back to the queue, or stay. A native modal <dialog>: the browser keeps focus
 * inside it and Escape means Stay; focus returns to what opened it.
 */
export function HandBackDialog() {
  const leaving = useConsole((state) => state.leaving);
  const handBackAndLeave = useConsole((state) => state.handBackAndLeave);
  const stayOn = useConsole((state) => state.stayOn);
  const dialog = useRef<HTMLDialogElement>(null);
  const handBack = useRef<HTMLButtonElement>(null);
  const id = useId();
  const open = leaving !== null;

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      handBack.current?.focus();
      return () => opener?.focus();
    }
    if (!open && element.open) element.close();
    return undefined;
  }, [open]);

  const count = leaving?.chats ?? 0;
  const chats = `${count} ${count === 1 ? 'chat' : 'chats'}`;
  const after = leaving?.intent === 'offline' ? 'go Offline' : 'log out';
  return (
    <dialog
      ref={dialog}
      className="dialog hand-back-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(event) => {
        // Escape: stay, and let React close it with the state.
        event.preventDefault();
        stayOn();
      }}
    >
      <h2 id={`${id}-title`}>Chats in progress</h2>
      <p id={`${id}-body`}>
        You have {chats} in progress: hand them back to the queue, or stay. A colleague will take them from the queue,
        and each patron is told that another librarian will be with them shortly.
      </p>
      {leaving?.error ? (
        <p className="form-error" role="alert">
          {leaving.error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={stayOn} disabled={leaving?.working}>
          Stay
        </button>
        <button
          ref={handBack}
          type="button"
          className="primary"
          disabled={leaving?.working}
          onClick={() => void handBackAndLeave()}
        >
          {leaving?.working ? 'Handing back…' : `Hand back and ${after}`}
        </button>
      </div>
    </dialog>
  );
}
