import { type ReactNode, useId, useRef, useState } from 'react';
import { ModalDialog } from '../../shared/modal-dialog';

interface ConfirmDangerDialogProps {
  /** "Deactivate <name>?", "Retire <name>?" */
  title: ReactNode;
  /** What happens, in a sentence or two. */
  body: ReactNode;
  /** The safe answer ("Keep active"), which has the focus: Enter by habit changes nothing. */
  keepLabel: string;
  /** The action ("Deactivate") and its words while it runs ("Deactivating…"). */
  actLabel: string;
  busyLabel: string;
  /** Runs the action; resolves to the server's refusal in words, or null when it was done. */
  act(): Promise<string | null>;
  onClose(): void;
  /** Where the focus goes afterwards (the row's button has changed). */
  returnFocus(): HTMLElement | null;
}

/**
 * The question asked before an admin's action that takes something away
 * (deactivating an account, retiring a department): an alertdialog whose
 * safe answer has the focus, which stays open with the server's words when
 * the action is refused.
 */
export function ConfirmDangerDialog({
  title,
  body,
  keepLabel,
  actLabel,
  busyLabel,
  act,
  onClose,
  returnFocus,
}: ConfirmDangerDialogProps) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const id = useId();

  const run = async () => {
    setBusy(true);
    const refused = await act();
    setBusy(false);
    if (refused) return setRefusal(refused);
    onClose();
  };

  return (
    <ModalDialog
      labelledBy={`${id}-title`}
      describedBy={`${id}-body`}
      onClose={() => {
        if (!busy) onClose();
      }}
      initialFocus={keep}
      returnFocus={returnFocus}
      className="dialog admin-dialog"
      role="alertdialog"
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-body`}>{body}</p>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button ref={keep} type="button" onClick={onClose} disabled={busy}>
          {keepLabel}
        </button>
        <button type="button" className="danger" onClick={() => void run()} disabled={busy}>
          {busy ? busyLabel : actLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
