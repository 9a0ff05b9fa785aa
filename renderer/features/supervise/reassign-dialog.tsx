import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { statusDot, statusLabel, transferRefusal } from '../../../src/domain/presence';
import type { ChatSummary, OperatorPresence } from '../../../src/protocol';
import { ModalDialog } from '../../shared/modal-dialog';
import { colleaguesOf } from '../../store/operators-slice';
import { useConsole } from '../../store/store-context';

/**
 * Reassign...: the colleagues a supervisor can give the chat to. Everyone is
 * listed, as on the Operators list; those who cannot take it (Away, Offline,
 * not in the chat's department, or already having it) are shown with the
 * reason and cannot be picked. A name gives the chat at once.
 */
export function ReassignDialog({ chat, onClose }: { chat: ChatSummary; onClose: () => void }) {
  const headingId = useId();
  const noteId = useId();
  const colleagues = useConsole(useShallow((state) => colleaguesOf(state.operators, state.operator?.id)));
  const { busy, error, reassignChat } = useConsole(
    useShallow((state) => ({
      busy: state.superviseBusy[chat.id] === 'reassign',
      // A refusal says why in the dialog, where the supervisor is looking (the pane behind is inert).
      error: state.actionErrors[chat.id],
      reassignChat: state.reassignChat,
    })),
  );
  const reasonOf = (colleague: OperatorPresence): string | null =>
    colleague.id === chat.ownerId ? 'Has this chat' : transferRefusal(colleague, chat.departmentId);
  const give = async (colleague: OperatorPresence) => {
    if (await reassignChat(chat.id, { id: colleague.id, name: colleague.displayName })) onClose();
  };

  return (
    <ModalDialog labelledBy={headingId} describedBy={noteId} onClose={onClose} className="dialog reassign-dialog">
      <div className="reassign-title">
        <h3 id={headingId}>Reassign chat</h3>
        <button type="button" className="icon-button" aria-label="Close" title="Close" onClick={onClose}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <p id={noteId} className="reassign-note">
        Give this chat to a colleague: they have it at once
        {chat.ownerName ? (
          <>
            {' '}
            and <bdi dir="auto">{chat.ownerName}</bdi> leaves it
          </>
        ) : null}
        . The patron sees a line saying so.
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {colleagues.length === 0 ? <p className="empty">No colleagues are logged in.</p> : null}
      <ul aria-label="Colleagues" className="participant-rows">
        {colleagues.map((colleague) => {
          const reason = reasonOf(colleague);
          const reasonId = `${headingId}-${colleague.id}-reason`;
          return (
            <li
              key={colleague.id}
              data-operator-id={colleague.id}
              data-status={colleague.status}
              data-unavailable={reason ? 'true' : undefined}
            >
              <span className={`dot dot-${statusDot(colleague.status)}`} aria-hidden="true" />
              <button
                type="button"
                className="link-button"
                disabled={reason !== null || busy}
                aria-describedby={reasonId}
                onClick={() => void give(colleague)}
              >
                <bdi dir="auto">{colleague.displayName}</bdi>
              </button>
              <span className="operator-status" id={reasonId}>
                {reason ?? statusLabel(colleague.status)}
              </span>
            </li>
          );
        })}
      </ul>
    </ModalDialog>
  );
}
