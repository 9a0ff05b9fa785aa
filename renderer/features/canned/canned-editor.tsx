import { useId, useState, type FormEvent } from 'react';
import { LIMITS, type Department } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import {
  checkCannedForm,
  formFor,
  SHORTCUT_MAX_LENGTH,
  type CannedErrors,
  type CannedField,
  type CannedForm,
  type CannedTarget,
} from './canned-form';

interface CannedEditorProps {
  target: CannedTarget;
  /** The form's accessible name: "New personal canned message", "Edit /hours", … */
  label: string;
  /** For a new shared one: the departments an admin may choose from. */
  departments?: readonly Department[];
  /** After a save the server accepted. */
  onSaved?: () => void;
  /** Shown for an edit: back to the row as it was. */
  onCancel?: () => void;
  /** Focus the shortcut when the form appears (Edit replaced the row). */
  focusFirst?: boolean;
}

/**
 * Add or change one canned message: shortcut, message, and for a new shared
 * one its department. Checked here by the server's rules, then saved; the
 * server's refusal (a colleague's, or a shared one by a non-admin) is shown
 * in its own words.
 */
export function CannedEditor({ target, label, departments = [], onSaved, onCancel, focusFirst }: CannedEditorProps) {
  const saveCanned = useConsole((state) => state.saveCanned);
  const [form, setForm] = useState<CannedForm>(() => formFor(target, departments[0]?.id ?? ''));
  const [errors, setErrors] = useState<CannedErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  const edit = (key: CannedField, value: string) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setRefusal(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkCannedForm(form, target);
    if (!check.ok) return setErrors(check.errors);
    setErrors({});
    setSaving(true);
    const refused = await saveCanned(check.request);
    setSaving(false);
    if (refused) return setRefusal(refused);
    if (target.kind !== 'edit') setForm(formFor(target, form.departmentId));
    onSaved?.();
  };

  /** Label and error wiring for one field. */
  const field = (name: CannedField, hint?: string) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby':
      [hint ? `${id}-${name}-hint` : '', errors[name] ? `${id}-${name}-error` : ''].filter(Boolean).join(' ') ||
      undefined,
  });
  const fieldError = (name: CannedField) =>
    errors[name] ? (
      <p className="form-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <form className="canned-editor" aria-label={label} onSubmit={(event) => void submit(event)} noValidate>
      {target.kind === 'department' ? (
        <div className="canned-field">
          <label htmlFor={`${id}-departmentId`}>Department</label>
          <select
            {...field('departmentId')}
            value={form.departmentId}
            onChange={(event) => edit('departmentId', event.target.value)}
          >
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
          {fieldError('departmentId')}
        </div>
      ) : null}
      <div className="canned-field">
        <label htmlFor={`${id}-shortcut`}>Shortcut</label>
        <div className="canned-shortcut-input">
          <span aria-hidden="true">/</span>
          <input
            {...field('shortcut', 'hint')}
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoFocus={focusFirst}
            maxLength={SHORTCUT_MAX_LENGTH + 1}
            value={form.shortcut}
            onChange={(event) => edit('shortcut', event.target.value)}
          />
        </div>
        <p className="canned-hint" id={`${id}-shortcut-hint`}>
          Typed after / in the message box: letters, digits, - and _.
        </p>
        {fieldError('shortcut')}
      </div>
      <div className="canned-field">
        <label htmlFor={`${id}-body`}>Message</label>
        <textarea
          {...field('body')}
          rows={3}
          maxLength={LIMITS.messageMaxLength}
          value={form.body}
          onChange={(event) => edit('body', event.target.value)}
        />
        {fieldError('body')}
      </div>
      <div className="canned-editor-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
    </form>
  );
}
