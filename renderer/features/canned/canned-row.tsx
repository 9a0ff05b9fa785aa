import { useEffect, useRef, useState } from 'react';
import type { CannedMessage } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { CannedEditor } from './canned-editor';

interface CannedRowProps {
  canned: CannedMessage;
  /** Edit and Delete: one's own personal ones; shared ones for admins. */
  canManage: boolean;
  departmentName: (id: string | null) => string;
}

/** One canned message on the page: its shortcut, whose it is and the whole body; Edit and Delete when allowed. */
export function CannedRow({ canned, canManage, departmentName }: CannedRowProps) {
  const deleteCanned = useConsole((state) => state.deleteCanned);
  const [mode, setMode] = useState<'show' | 'edit' | 'confirm-delete'>('show');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const name = `/${canned.shortcut}`;
  // Back from the form or the question, focus returns to the row's Edit rather than to the page's top.
  const editButton = useRef<HTMLButtonElement>(null);
  const returning = useRef(false);
  useEffect(() => {
    if (mode !== 'show' || !returning.current) return;
    returning.current = false;
    editButton.current?.focus();
  }, [mode]);
  const backToRow = () => {
    returning.current = true;
    setMode('show');
  };

  const row = useRef<HTMLLIElement>(null);
  const remove = async () => {
    setBusy(true);
    // Found before the row unmounts: where focus goes once the message is gone.
    const landing = focusLandingFor(row.current);
    const refused = await deleteCanned(canned.id);
    setBusy(false);
    // Gone from the list when it worked (the row unmounts); otherwise say why, in the server's words.
    if (refused) {
      setRefusal(refused);
      backToRow();
    } else {
      landing?.focus();
    }
  };

  if (mode === 'edit') {
    return (
      <li className="canned-row" data-canned-id={canned.id}>
        <CannedEditor
          target={{ kind: 'edit', canned }}
          label={`Edit ${name}`}
          focusFirst
          onSaved={backToRow}
          onCancel={backToRow}
        />
      </li>
    );
  }
  return (
    <li className="canned-row" data-canned-id={canned.id} ref={row}>
      <div className="canned-row-head">
        <span className="canned-option-shortcut">{name}</span>{' '}
        <span className={canned.scope === 'personal' ? 'canned-tag canned-tag-personal' : 'canned-tag'}>
          {canned.scope === 'personal' ? 'Personal' : departmentName(canned.departmentId)}
        </span>
        {canManage && mode === 'show' ? (
          <span className="canned-row-actions">
            <button
              ref={editButton}
              type="button"
              className="small"
              // Which one: every row has an Edit (the visible word starts the name, as WCAG's label-in-name asks).
              aria-label={`Edit ${name}`}
              onClick={() => {
                setRefusal(null);
                setMode('edit');
              }}
            >
              Edit
            </button>
            <button
              type="button"
              className="small"
              aria-label={`Delete ${name}`}
              onClick={() => {
                setRefusal(null);
                setMode('confirm-delete');
              }}
            >
              Delete
            </button>
          </span>
        ) : null}
      </div>
      <p className="canned-row-body">{canned.body}</p>
      {mode === 'confirm-delete' ? (
        <div className="canned-row-confirm" role="group" aria-label={`Delete ${name}?`}>
          <span>Delete {name} for good?</span>
          <button type="button" className="small danger" disabled={busy} onClick={() => void remove()}>
            Delete
          </button>
          {/* The safe answer has focus: Enter by habit keeps it. */}
          <button type="button" className="small" disabled={busy} autoFocus onClick={backToRow}>
            Keep it
          </button>
        </div>
      ) : null}
      {refusal ? (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      ) : null}
    </li>
  );
}

/**
 * After a delete the row's buttons are gone; focus moves to the next row's first button, or the
 * previous row's, or the page's heading, rather than falling back to the top of the document.
 */
function focusLandingFor(row: HTMLLIElement | null): HTMLElement | null {
  const neighbour = row?.nextElementSibling ?? row?.previousElementSibling;
  const button = neighbour?.querySelector<HTMLElement>('button');
  if (button) return button;
  const heading = row?.closest('section')?.querySelector<HTMLElement>('h2, h3');
  heading?.setAttribute('tabindex', '-1');
  return heading ?? null;
}
