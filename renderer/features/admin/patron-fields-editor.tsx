import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PatronField } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { draftKey, focusRowButton, moved } from './ordered-rows';
import { SaveOutcome } from './save-outcome';

interface Row {
  key: string;
  /** The field's key on the server; absent for one added here and not saved yet. */
  fieldKey?: string;
  label: string;
  required: boolean;
}

const rowsOf = (fields: readonly PatronField[]): Row[] =>
  fields.map((field) => ({
    key: field.key,
    fieldKey: field.key,
    label: field.label,
    required: field.required ?? false,
  }));

/**
 * The pre-chat form's own fields, after the question, name and email (the
 * librarian sees them in the patron info tab): label, required or not, order.
 */
export function PatronFieldsEditor({ fields, labelledBy }: { fields: PatronField[]; labelledBy: string }) {
  const save = useConsole((state) => state.savePatronFields);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(fields));
  const [adding, setAdding] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => setRows(rowsOf(fields)), [fields]);

  const change = (key: string, patch: Partial<Row>) =>
    setRows(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) => {
    const row = rows[index];
    if (!row) return;
    setRows(moved(rows, index, by));
    focusRowButton(list.current, row.key, by < 0 ? ['Move up', 'Move down'] : ['Move down', 'Move up']);
  };
  const add = () => {
    const label = adding.trim();
    if (!label) return setRefusal('Type the new field’s label first.');
    setRefusal(null);
    setRows([...rows, { key: draftKey(), label, required: false }]);
    setAdding('');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    setSaved('');
    setBusy(true);
    const refused = await save({
      fields: rows.map((row) => ({
        ...(row.fieldKey ? { key: row.fieldKey } : {}),
        label: row.label,
        required: row.required,
      })),
    });
    setBusy(false);
    if (refused) setRefusal(refused);
    else setSaved('Saved. Open widgets show the new form at once.');
  };

  return (
    <form className="admin-list-form" aria-labelledby={labelledBy} onSubmit={(event) => void submit(event)} noValidate>
      <p className="settings-hint">
        Asked after the question, the patron’s name and email. A required field must be filled in before the chat
        starts.
      </p>
      {rows.length === 0 ? (
        <p className="empty">No extra fields: the form asks only the question, name and email.</p>
      ) : null}
      <ul className="admin-edit-list" ref={list}>
        {rows.map((row, index) => (
          <li key={row.key} data-row-key={row.key}>
            <label htmlFor={`${id}-${row.key}`} className="visually-hidden">
              Field {index + 1} label
            </label>
            <input
              id={`${id}-${row.key}`}
              type="text"
              maxLength={80}
              value={row.label}
              onChange={(event) => change(row.key, { label: event.target.value })}
            />
            <span className="settings-check admin-inline-check">
              <input
                id={`${id}-${row.key}-required`}
                type="checkbox"
                // Every row has one: the name says whose (the visible word first, for label-in-name).
                aria-label={`Required: ${row.label}`}
                checked={row.required}
                onChange={(event) => change(row.key, { required: event.target.checked })}
              />
              <label htmlFor={`${id}-${row.key}-required`}>Required</label>
            </span>
            <button
              type="button"
              className="small"
              aria-label={`Move up ${row.label}`}
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              Move up
            </button>
            <button
              type="button"
              className="small"
              aria-label={`Move down ${row.label}`}
              disabled={index === rows.length - 1}
              onClick={() => move(index, 1)}
            >
              Move down
            </button>
            <button
              type="button"
              className="small"
              aria-label={`Remove ${row.label}`}
              onClick={() => setRows(rows.filter((item) => item.key !== row.key))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="admin-span">
        <label htmlFor={`${id}-new`}>New field</label>
        <input
          id={`${id}-new`}
          type="text"
          maxLength={80}
          value={adding}
          onChange={(event) => setAdding(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="small" onClick={add}>
          Add field
        </button>
      </div>
      <div className="account-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save form fields'}
        </button>
      </div>
      <SaveOutcome saved={saved} refusal={refusal} />
    </form>
  );
}
