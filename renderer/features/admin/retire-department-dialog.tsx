import type { AdminDepartment } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { ConfirmDangerDialog } from './confirm-danger-dialog';

interface RetireDepartmentDialogProps {
  department: AdminDepartment;
  onClose(): void;
  /** Where the focus goes once the row's Retire has turned into Restore. */
  returnFocus(): HTMLElement | null;
}

/** Asked before retiring: the widget and the console stop offering it; its history keeps its name. */
export function RetireDepartmentDialog({ department, onClose, returnFocus }: RetireDepartmentDialogProps) {
  const retireDepartment = useConsole((state) => state.retireDepartment);
  return (
    <ConfirmDangerDialog
      title={
        <>
          Retire <bdi dir="auto">{department.name}</bdi>?
        </>
      }
      body="Its chat widget stops taking chats and librarians can no longer transfer to it. Its past chats keep its name; you can restore it later."
      keepLabel="Keep it"
      actLabel="Retire"
      busyLabel="Retiring…"
      act={() => retireDepartment(department.id)}
      onClose={onClose}
      returnFocus={returnFocus}
    />
  );
}
