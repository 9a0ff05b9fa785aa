import { useId, useRef } from 'react';
import { ModalDialog } from '../../shared/modal-dialog';
import { useConsole } from '../../store/store-context';

/**
 * Asked before logging out or going Offline with chats in progress: hand them
 * back to the queue, or stay. A modal dialog (renderer/shared/modal-dialog.tsx):
 * focus stays inside it, Escape means Stay, and focus returns to what opened it.
 */
export function HandBackDialog() {
  const leaving = useConsole((state) => state.leaving);
  if (!leaving) return null;
  return <HandBackQuestion />;
}

function HandBackQuestion() {
  const leaving = useConsole((state) => state.leaving);
  const handBackAndLeave = useConsole((state) => state.handBackAndLeave);
  const stayOn = useConsole((state) => state.stayOn);
  const handBack = useRef<HTMLButtonElement>(null);
  const id = useId();

  const count = leaving?.chats ?? 0;
  const chats = `${count} ${count === 1 ? 'chat' : 'chats'}`;
  const after = leaving?.intent === 'offline' ? 'go Offline' : 'log out';
  return (
    <ModalDialog
      labelledBy={`${id}-title`}
      describedBy={`${id}-body`}
      onClose={() => {
        if (!leaving?.working) stayOn();
      }}
      initialFocus={handBack}
      className="dialog hand-back-dialog"
      role="alertdialog"
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
    </ModalDialog>
  );
}
