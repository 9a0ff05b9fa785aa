import type { StaffAccount } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { ConfirmDangerDialog } from './confirm-danger-dialog';

interface DeactivateDialogProps {
  account: StaffAccount;
  onClose(): void;
  /** Where the focus goes once the row's Deactivate has turned into Reactivate. */
  returnFocus(): HTMLElement | null;
}

/** Asked before deactivating: it logs the person out at once and hands their chats back to the queue. */
export function DeactivateDialog({ account, onClose, returnFocus }: DeactivateDialogProps) {
  const deactivateAccount = useConsole((state) => state.deactivateAccount);
  return (
    <ConfirmDangerDialog
      title={
        <>
          Deactivate <bdi dir="auto">{account.displayName}</bdi>?
        </>
      }
      body="They are logged out at once and their chats go back to the queue."
      keepLabel="Keep active"
      actLabel="Deactivate"
      busyLabel="Deactivating…"
      act={() => deactivateAccount(account.id)}
      onClose={onClose}
      returnFocus={returnFocus}
    />
  );
}
