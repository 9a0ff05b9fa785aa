import { useId, useRef, useState, type FormEvent } from 'react';
import type { AdminDepartment, UpdateDepartmentRequest } from '../../../src/protocol';
import { ModalDialog } from '../../shared/modal-dialog';
import { useConsole } from '../../store/store-context';
import { draftOf, hoursOfDraft, sameHours, type HoursDraft } from './hours-draft';
import { HoursEditor } from './hours-editor';
import { MonitorCheckboxes } from './monitor-checkboxes';

interface DepartmentEditDialogProps {
  department: AdminDepartment;
  onClose(): void;
}

/** Edit <department>: its name, who monitors it, its hours of service; only what changed is sent. */
export function DepartmentEditDialog({ department, onClose }: DepartmentEditDialogProps) {
  const updateDepartment = useConsole((state) => state.updateDepartment);
  const accounts = useConsole((state) => state.accounts);
  const [name, setName] = useState(department.name);
  const [monitorIds, setMonitorIds] = useState<string[]>(department.monitorIds);
  const [hours, setHours] = useState<HoursDraft>(() => draftOf(department.hours));
  const [nameError, setNameError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const trimmed = name.trim();
    if (trimmed === '') {
      setNameError('Enter a name: patrons and librarians see it.');
      return nameInput.current?.focus();
    }
    setNameError(null);
    const checked = hoursOfDraft(hours);
    if (!checked.ok) return setRefusal(checked.error);
    const change: UpdateDepartmentRequest = {};
    if (trimmed !== department.name) change.name = trimmed;
    // A deactivated account cannot monitor: it is left out rather than refused.
    const active = new Set((accounts ?? []).filter((account) => account.active).map((account) => account.id));
    const monitors = accounts ? monitorIds.filter((accountId) => active.has(accountId)) : monitorIds;
    if (!sameIds(monitors, department.monitorIds)) change.monitorIds = monitors;
    if (!sameHours(checked.hours, department.hours)) change.hours = checked.hours;
    if (Object.keys(change).length === 0) return onClose();
    setBusy(true);
    const refused = await updateDepartment(department.id, change);
    setBusy(false);
    if (refused) return setRefusal(refused);
    onClose();
  };

  return (
    <ModalDialog
      labelledBy={`${id}-title`}
      onClose={() => {
        if (!busy) onClose();
      }}
      initialFocus={nameInput}
      className="dialog admin-dialog admin-dialog-wide"
    >
      <h2 id={`${id}-title`}>
        Edit <bdi dir="auto">{department.name}</bdi>
      </h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          type="text"
          maxLength={80}
          value={name}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? `${id}-name-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {nameError ? (
          <p className="form-error" id={`${id}-name-error`}>
            {nameError}
          </p>
        ) : null}
        <MonitorCheckboxes selected={monitorIds} onChange={setMonitorIds} />
        <HoursEditor draft={hours} onChange={setHours} />
        {refusal ? (
          <p className="form-error" role="alert">
            {refusal}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
