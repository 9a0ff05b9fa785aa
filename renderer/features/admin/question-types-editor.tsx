import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AdminQuestionType, CountsAs } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { draftKey, focusRowButton, moved } from './ordered-rows';
import { SaveOutcome } from './save-outcome';

interface Row {
  key: string;
  /** Absent for a type added here and not saved yet. */
  id?: string;
  label: string;
  /** How reference statistics count it (NISO Z39.7). */
  countsAs: CountsAs;
}

const rowsOf = (types: readonly AdminQuestionType[]): Row[] =>
  types
    .filter((type) => type.active)
    .map((type) => ({ key: type.id, id: type.id, label: type.label, countsAs: type.countsAs }));

/**
 * The Question Types of the analytics entry librarians fill in after End
 * Chat: add, rename, reorder, retire, then Save. A retired type stays in the
 * saved analytics that used it; so does a type's old name after a rename.
 */
export function QuestionTypesEditor({ types, labelledBy }: { types: AdminQuestionType[]; labelledBy: string }) {
  const save = useConsole((state) => state.saveQuestionTypes);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(types));
  const [adding, setAdding] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  // Saved (here or by another admin on reload): the list is the server's again.
  useEffect(() => setRows(rowsOf(types)), [types]);

  const listed = new Set(rows.flatMap((row) => (row.id ? [row.id] : [])));
  // Retired ones, and those retired here but not saved yet: each can come back with Restore.
  const retiredShown = types.filter((type) => !listed.has(type.id));

  const move = (index: number, by: -1 | 1) => {
    const row = rows[index];
    if (!row) return;
    setRows(moved(rows, index, by));
    focusRowButton(list.current, row.key, by < 0 ? ['Move up', 'Move down'] : ['Move down', 'Move up']);
  };
  const add = () => {
    const label = adding.trim();
    if (!label) return setRefusal('Type the new question type’s name first.');
    setRefusal(null);
    setRows([...rows, { key: draftKey(), label, countsAs: 'reference' }]);
    setAdding('');
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    setSaved('');
    setBusy(true);
    const refused = await save({
      types: rows.map((row) => ({ ...(row.id ? { id: row.id } : {}), label: row.label, countsAs: row.countsAs })),
    });
    setBusy(false);
    if (refused) setRefusal(refused);
    else setSaved('Saved. Every console’s analytics entry offers this list now.');
  };

  return (
    <form className="admin-list-form" aria-labelledby={labelledBy} onSubmit={(event) => void submit(event)} noValidate>
      <p className="settings-hint">
        Librarians choose one in the Analytics entry after End Chat. Entries already saved keep the name they were saved
        with, through a rename or a retirement. Reports count each type as a reference or a directional question, as
        reference statistics (NISO Z39.7) ask.
      </p>
      <ul className="admin-edit-list" ref={list}>
        {rows.map((row, index) => (
          <li key={row.key} data-row-key={row.key}>
            <label htmlFor={`${id}-${row.key}`} className="visually-hidden">
              Question type {index + 1}
            </label>
            <input
              id={`${id}-${row.key}`}
              type="text"
              maxLength={80}
              value={row.label}
              onChange={(event) =>
                setRows(rows.map((item) => (item.key === row.key ? { ...item, label: event.target.value } : item)))
              }
            />
            <label htmlFor={`${id}-${row.key}-counts`} className="visually-hidden">
              {row.label} counts as
            </label>
            <select
              id={`${id}-${row.key}-counts`}
              value={row.countsAs}
              onChange={(event) =>
                setRows(
                  rows.map((item) =>
                    item.key === row.key ? { ...item, countsAs: event.target.value as CountsAs } : item,
                  ),
                )
              }
            >
              <option value="reference">Reference</option>
              <option value="directional">Directional</option>
            </select>
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
              aria-label={`Retire ${row.label}`}
              disabled={rows.length === 1}
              onClick={() => setRows(rows.filter((item) => item.key !== row.key))}
            >
              Retire
            </button>
          </li>
        ))}
      </ul>
      <div className="admin-span">
        <label htmlFor={`${id}-new`}>New question type</label>
        <input
          id={`${id}-new`}
          type="text"
          maxLength={80}
          value={adding}
          onChange={(event) => setAdding(event.target.value)}
          onKeyDown={(event) => {
            // Enter adds this one rather than saving the whole list.
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="small" onClick={add}>
          Add question type
        </button>
      </div>
      {retiredShown.length > 0 ? (
        <div className="admin-retired" role="group" aria-labelledby={`${id}-retired`}>
          <span id={`${id}-retired`} className="admin-day-name">
            Retired
          </span>
          <ul className="admin-edit-list">
            {retiredShown.map((type) => (
              <li key={type.id}>
                <span className="admin-retired-label">{type.label}</span>
                <button
                  type="button"
                  className="small"
                  aria-label={`Restore ${type.label}`}
                  onClick={() =>
                    setRows([...rows, { key: type.id, id: type.id, label: type.label, countsAs: type.countsAs }])
                  }
                >
                  Restore
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="account-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save question types'}
        </button>
      </div>
      <SaveOutcome saved={saved} refusal={refusal} />
    </form>
  );
}
