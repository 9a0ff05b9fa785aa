import { useId, useRef, useState } from 'react';
import type { StaffAccount } from '../../../src/protocol';
import { ModalDialog } from '../../shared/modal-dialog';
import { useConsole } from '../../store/store-context';

interface DeactivateDialogProps {
  account: StaffAccount;
  onClose(): void;
  /** Where the focus goes once the row's Deactivate has turned into Reactivate. */
  returnFocus(): HTMLElement | null;
}

/** Asked before deactivating: it logs the person out at once and hands their chats back to the queue. */
export function DeactivateDialog({ account, onClose, returnFocus }: DeactivateDialogProps) {
  const deactivateAccount = useConsole((state) => state.deactivateAccount);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const id = useId();

  const deactivate = async () => {
    setBusy(true);
    const refused = await deactivateAccount(account.id);
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
      // The safe answer has the focus: Enter by habit keeps the account.
      initialFocus={keep}
      returnFocus={returnFocus}
      className="dialog admin-dialog"
      role="alertdialog"
    >
      <h2 id={`${id}-title`}>
        Deactivate <bdi dir="auto">{account.displayName}</bdi>?
      </h2>
      <p id={`${id}-body`}>They are logged out at once and their chats go back to the queue.</p>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button ref={keep} type="button" onClick={onClose} disabled={busy}>
          Keep active
        </button>
        <button type="button" className="danger" onClick={() => void deactivate()} disabled={busy}>
          {busy ? 'Deactivating…' : 'Deactivate'}
        </button>
      </div>
    </ModalDialog>
  );
}
