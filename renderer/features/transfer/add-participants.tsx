import { useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { statusDot, statusLabel, transferRefusal } from '../../../src/domain/presence';
import { ModalDialog } from '../../shared/modal-dialog';
import { colleaguesOf } from '../../store/operators-slice';
import { useConsole } from '../../store/store-context';
import type { TransferDestination } from '../../store/transfer-slice';
import './transfer.css';

/**
 * The Add Participants icon of a patron chat the operator owns: departments and
 * colleagues with their status dots. The bubble next to a colleague opens a
 * staff chat to brief them (the patron chat is untouched); a name transfers,
 * after asking for an optional briefing.
 */
export function AddParticipants({ chatId, departmentId }: { chatId: string; departmentId: string }) {
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<TransferDestination | null>(null);
  const [briefing, setBriefing] = useState('');
  const listId = useId();
  const headingId = useId();
  // The list is a fresh array each time: compare it shallowly on its own, as the Operators list does.
  const colleagues = useConsole(useShallow((state) => colleaguesOf(state.operators, state.operator?.id)));
  const { departments, busy, error, openStaffChat, transferChat } = useConsole(
    useShallow((state) => ({
      departments: state.departments,
      busy: state.transferBusy[chatId] === 'transfer',
      // A refused transfer says why where the operator is looking: in the dialog (the chat pane behind is inert).
      error: state.actionErrors[chatId],
      openStaffChat: state.openStaffChat,
      transferChat: state.transferChat,
    })),
  );
  const close = () => {
    setOpen(false);
    setTarget(null);
    setBriefing('');
  };
  // Escape in the briefing goes back to the list; Escape in the list closes the dialog.
  const back = () => (target ? backToList() : close());
  // Back from the briefing (Cancel, Escape), the focus goes to the list's title rather than falling out of the dialog.
  const title = useRef<HTMLHeadingElement>(null);
  const [refocus, setRefocus] = useState(0);
  const backToList = () => {
    setTarget(null);
    setRefocus((count) => count + 1);
  };
  useEffect(() => {
    if (refocus > 0) title.current?.focus();
  }, [refocus]);
  const transfer = async () => {
    if (target && (await transferChat(chatId, target, briefing))) close();
  };

  return (
    <div className="add-participants">
      <button
        type="button"
        className="icon-button"
        aria-label="Add Participants"
        title="Add Participants"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <PeoplePlusIcon />
      </button>
      {open ? (
        <ModalDialog labelledBy={headingId} onClose={back} className="dialog add-participants-panel">
          <div id={listId}>
            <div className="add-participants-title">
              <h3 id={headingId} ref={title} tabIndex={-1}>
                Add Participants
              </h3>
              <button type="button" className="icon-button" aria-label="Close" title="Close" onClick={close}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
            {target ? (
              <form
                className="transfer-briefing"
                onSubmit={(event) => {
                  event.preventDefault();
                  void transfer();
                }}
              >
                <label>
                  <span>
                    Briefing for <bdi dir="auto">{target.name}</bdi> (optional)
                  </span>
                  <textarea
                    autoFocus
                    dir="auto"
                    value={briefing}
                    onChange={(event) => setBriefing(event.target.value)}
                    rows={3}
                  />
                </label>
                {error ? (
                  <p className="form-error" role="alert">
                    {error}
                  </p>
                ) : null}
                <div className="transfer-briefing-actions">
                  <button type="submit" className="primary" disabled={busy}>
                    Transfer
                  </button>
                  <button type="button" onClick={backToList}>
                    Cancel
                  </button>
                </div>
              </form>
            ) : (
              <>
                <h4>Departments</h4>
                <ul aria-label="Departments" className="participant-rows">
                  {departments.map((department) => (
                    <li key={department.id} data-department-id={department.id}>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setTarget({ kind: 'department', id: department.id, name: department.name })}
                      >
                        {department.name}
                      </button>
                    </li>
                  ))}
                </ul>
                <h4>Colleagues</h4>
                {colleagues.length === 0 ? <p className="empty">No colleagues are logged in.</p> : null}
                <ul aria-label="Colleagues" className="participant-rows">
                  {colleagues.map((colleague) => {
                    // Shown either way, so the list matches the Operators list; only those who can take it are buttons that work.
                    const refusal = transferRefusal(colleague, departmentId);
                    const reasonId = `${listId}-${colleague.id}-reason`;
                    return (
                      <li
                        key={colleague.id}
                        data-operator-id={colleague.id}
                        data-status={colleague.status}
                        data-dot={statusDot(colleague.status)}
                        data-unavailable={refusal ? 'true' : undefined}
                      >
                        <span className={`dot dot-${statusDot(colleague.status)}`} aria-hidden="true" />
                        <button
                          type="button"
                          className="link-button"
                          disabled={refusal !== null}
                          aria-describedby={reasonId}
                          onClick={() => setTarget({ kind: 'operator', id: colleague.id, name: colleague.displayName })}
                        >
                          <bdi dir="auto">{colleague.displayName}</bdi>
                        </button>
                        <span className="operator-status" id={reasonId}>
                          {refusal ?? statusLabel(colleague.status)}
                        </span>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Brief ${colleague.displayName}`}
                          title={`Brief ${colleague.displayName}`}
                          onClick={() => void openStaffChat(colleague)}
                        >
                          <BubbleIcon />
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </div>
        </ModalDialog>
      ) : null}
    </div>
  );
}

/** Drawn, not an emoji: emoji fonts are missing on many library desktops (and in headless browsers). */
function PeoplePlusIcon() {
  return (
    <svg
      aria-hidden="true"
      width="22"
      height="18"
      viewBox="0 0 22 18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
    >
      <circle cx="7" cy="5" r="3" />
      <path d="M1.5 16c0-3.2 2.5-5.5 5.5-5.5s5.5 2.3 5.5 5.5" />
      <path d="M17 5v7M13.5 8.5h7" />
    </svg>
  );
}

function BubbleIcon() {
  return (
    <svg
      aria-hidden="true"
      width="18"
      height="16"
      viewBox="0 0 18 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
    >
      <path d="M2 2.5h14v8.5H8l-4 3.5V11H2z" strokeLinejoin="round" />
    </svg>
  );
}
