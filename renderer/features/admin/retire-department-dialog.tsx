import { useId, useRef, useState } from 'react';
import type { AdminDepartment } from '../../../src/protocol';
import { ModalDialog } from '../../shared/modal-dialog';
import { useConsole } from '../../store/store-context';

interface RetireDepartmentDialogProps {
  department: AdminDepartment;
  onClose(): void;
  /** Where the focus goes once the row's Retire has turned into Restore. */
  returnFocus(): HTMLElement | null;
}

/** Asked before retiring: the widget and the console stop offering it; its history keeps its name. */
export function RetireDepartmentDialog({ department, onClose, returnFocus }: RetireDepartmentDialogProps) {
  const retireDepartment = useConsole((state) => state.retireDepartment);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const id = useId();

  const retire = async () => {
    setBusy(true);
    const refused = await retireDepartment(department.id);
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
      // The safe answer has the focus: Enter by habit keeps the department.
      initialFocus={keep}
      returnFocus={returnFocus}
      className="dialog admin-dialog"
      role="alertdialog"
    >
      <h2 id={`${id}-title`}>
        Retire <bdi dir="auto">{department.name}</bdi>?
      </h2>
      <p id={`${id}-body`}>
        Its chat widget stops taking chats and librarians can no longer transfer to it. Its past chats keep its name;
        you can restore it later.
      </p>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button ref={keep} type="button" onClick={onClose} disabled={busy}>
          Keep it
        </button>
        <button type="button" className="danger" onClick={() => void retire()} disabled={busy}>
          {busy ? 'Retiring…' : 'Retire'}
        </button>
      </div>
    </ModalDialog>
  );
}
