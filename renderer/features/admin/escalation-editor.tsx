import { useId } from 'react';
import type { AdminDepartment, EscalationLadder } from '../../../src/protocol';

/** The ladder as the form holds it: minutes as typed, the backup department, or the defaults. */
export interface LadderDraft {
  useDefaults: boolean;
  t1: string;
  t2: string;
  t3: string;
  backupDepartmentId: string;
}

const minutes = (seconds: number) => String(Math.round((seconds / 60) * 10) / 10);

export function ladderDraftOf(ladder: EscalationLadder, isDefault: boolean): LadderDraft {
  return {
    useDefaults: isDefault,
    t1: minutes(ladder.t1Seconds),
    t2: minutes(ladder.t2Seconds),
    t3: minutes(ladder.t3Seconds),
    backupDepartmentId: ladder.backupDepartmentId ?? '',
  };
}

/** The ladder to send (null: the defaults), or the words of what to fix. */
export function ladderOfDraft(
  draft: LadderDraft,
): { ok: true; ladder: EscalationLadder | null } | { ok: false; error: string } {
  if (draft.useDefaults) return { ok: true, ladder: null };
  const seconds: number[] = [];
  for (const [label, text] of [
    ['T1', draft.t1],
    ['T2', draft.t2],
    ['T3', draft.t3],
  ] as const) {
    const value = Number(text.replace(',', '.'));
    if (!Number.isFinite(value) || value * 60 < 10 || value > 240)
      return { ok: false, error: `Escalation, ${label}: enter minutes from 0.2 to 240.` };
    seconds.push(Math.round(value * 60));
  }
  const [t1Seconds = 0, t2Seconds = 0, t3Seconds = 0] = seconds;
  if (!(t1Seconds < t2Seconds && t2Seconds < t3Seconds))
    return { ok: false, error: 'Escalation: T1 comes before T2, and T2 before T3.' };
  return {
    ok: true,
    ladder: { t1Seconds, t2Seconds, t3Seconds, backupDepartmentId: draft.backupDepartmentId || null },
  };
}

/**
 * A department's escalation ladder: after T1 the pop-ups come back and the
 * chirp repeats more often; after T2 the supervisors are alerted and the
 * backup department sees the chat; after T3 the patron may leave the
 * question for a reply by email. "Use the defaults" keeps the desk's own.
 */
export function EscalationEditor({
  draft,
  onChange,
  departmentId,
  departments,
  defaults,
}: {
  draft: LadderDraft;
  onChange(draft: LadderDraft): void;
  departmentId: string;
  departments: readonly AdminDepartment[];
  defaults: EscalationLadder | null;
}) {
  const id = useId();
  const field = (key: 't1' | 't2' | 't3', label: string) => (
    <div className="ladder-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        inputMode="decimal"
        min={0.2}
        max={240}
        step={0.5}
        value={draft[key]}
        disabled={draft.useDefaults}
        onChange={(event) => onChange({ ...draft, [key]: event.target.value })}
      />
    </div>
  );
  return (
    <fieldset className="escalation-editor">
      <legend>Escalation of chats nobody claims</legend>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={draft.useDefaults}
          onChange={(event) => onChange({ ...draft, useDefaults: event.target.checked })}
        />{' '}
        Use the defaults
        {defaults
          ? ` (${minutes(defaults.t1Seconds)}, ${minutes(defaults.t2Seconds)} and ${minutes(defaults.t3Seconds)} minutes)`
          : ''}
      </label>
      <div className="ladder-fields">
        {field('t1', 'T1, minutes: pop-ups again, chirp more often')}
        {field('t2', 'T2, minutes: alert the supervisors')}
        {field('t3', 'T3, minutes: offer the patron a follow-up by email')}
      </div>
      <label htmlFor={`${id}-backup`}>Backup department (sees the chat after T2)</label>
      <select
        id={`${id}-backup`}
        value={draft.backupDepartmentId}
        disabled={draft.useDefaults}
        onChange={(event) => onChange({ ...draft, backupDepartmentId: event.target.value })}
      >
        <option value="">None</option>
        {departments
          .filter((department) => department.active && department.id !== departmentId)
          .map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
      </select>
    </fieldset>
  );
}
