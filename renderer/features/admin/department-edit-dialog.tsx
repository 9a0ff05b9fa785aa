import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AdminDepartment, EscalationLadder, UpdateDepartmentRequest } from '../../../src/protocol';
import { ModalDialog } from '../../shared/modal-dialog';
import { useConsole } from '../../store/store-context';
import { draftOf, hoursOfDraft, sameHours, type HoursDraft } from './hours-draft';
import { HoursEditor } from './hours-editor';
import { EscalationEditor, ladderDraftOf, ladderOfDraft, type LadderDraft } from './escalation-editor';
import { MonitorCheckboxes } from './monitor-checkboxes';

const NO_DEPARTMENTS: readonly AdminDepartment[] = [];

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
  const loadLadder = useConsole((state) => state.loadLadder);
  const saveLadder = useConsole((state) => state.saveLadder);
  const departments = useConsole((state) => state.adminDepartments ?? NO_DEPARTMENTS);
  // The ladder as loaded (to send only a change), and as edited; null until the server answered.
  const [ladder, setLadder] = useState<{ loaded: LadderDraft; draft: LadderDraft; defaults: EscalationLadder } | null>(
    null,
  );
  useEffect(() => {
    let live = true;
    void loadLadder(department.id).then((result) => {
      if (!live) return;
      if (typeof result === 'string') return setRefusal(result);
      const isDefault = JSON.stringify(result.ladder) === JSON.stringify(result.defaults);
      const loaded = ladderDraftOf(result.ladder, isDefault);
      setLadder({ loaded, draft: loaded, defaults: result.defaults });
    });
    return () => {
      live = false;
    };
  }, [department.id, loadLadder]);

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
    const ladderChanged = ladder !== null && JSON.stringify(ladder.draft) !== JSON.stringify(ladder.loaded);
    const ladderChecked = ladder ? ladderOfDraft(ladder.draft) : null;
    if (ladderChanged && ladderChecked && !ladderChecked.ok) return setRefusal(ladderChecked.error);
    if (Object.keys(change).length === 0 && !ladderChanged) return onClose();
    setBusy(true);
    const refused = Object.keys(change).length > 0 ? await updateDepartment(department.id, change) : null;
    const ladderRefused =
      !refused && ladderChanged && ladderChecked?.ok ? await saveLadder(department.id, ladderChecked.ladder) : null;
    setBusy(false);
    if (refused ?? ladderRefused) return setRefusal(refused ?? ladderRefused);
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
        {ladder ? (
          <EscalationEditor
            draft={ladder.draft}
            onChange={(draft) => setLadder({ ...ladder, draft })}
            departmentId={department.id}
            departments={departments}
            defaults={ladder.defaults}
          />
        ) : (
          <p role="status">Loading the escalation ladder…</p>
        )}
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
