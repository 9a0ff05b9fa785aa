import { useShallow } from 'zustand/react/shallow';
import { statusDot, statusLabel } from '../../../src/domain/presence';
import type { OperatorPresence } from '../../../src/protocol';
import { CollapsibleSection } from '../../shared/collapsible-section';
import { colleaguesOf } from '../../store/operators-slice';
import { useConsole } from '../../store/store-context';
import { staffChatIdWith, unreadOfStaffChat, type Unread } from '../../store/unread-selectors';
import { LastWords, UnreadCount } from '../unread/unread-count';
import './operators.css';

const NOTHING: Unread = { count: 0, preview: '' };

/**
 * The Operators list: colleagues with the practice's dots; clicking a name
 * opens the staff chat, whose unread count and last words show on the row.
 */
export function OperatorsList() {
  const colleagues = useConsole(useShallow((state) => colleaguesOf(state.operators, state.operator?.id)));
  return (
    <CollapsibleSection title="Operators" className="operators">
      {(headingId) => (
        <>
          {colleagues.length === 0 ? <p className="empty">No colleagues are logged in.</p> : null}
          <ul aria-labelledby={headingId} className="operator-rows">
            {colleagues.map((colleague) => (
              <OperatorRow key={colleague.id} colleague={colleague} />
            ))}
          </ul>
        </>
      )}
    </CollapsibleSection>
  );
}

function OperatorRow({ colleague }: { colleague: OperatorPresence }) {
  const openStaffChat = useConsole((state) => state.openStaffChat);
  const isOpen = useConsole((state) => state.rightView === 'staff' && state.staffChat?.operatorId === colleague.id);
  const unread = useConsole(
    useShallow((state) => {
      const staffChatId = staffChatIdWith(state, colleague.id);
      return staffChatId ? unreadOfStaffChat(state, staffChatId) : NOTHING;
    }),
  );
  return (
    <li
      className="operator-row"
      data-operator-id={colleague.id}
      data-status={colleague.status}
      data-dot={statusDot(colleague.status)}
      data-unread={unread.count}
    >
      <span className={`dot dot-${statusDot(colleague.status)} operator-dot`} aria-hidden="true" />
      <div className="operator-main">
        <div className="operator-line">
          <button
            type="button"
            className="link-button"
            aria-current={isOpen ? 'true' : undefined}
            onClick={() => void openStaffChat(colleague)}
          >
            <bdi dir="auto">{colleague.displayName}</bdi>
          </button>
          <UnreadCount unread={unread} />
          <span className="operator-status">{statusLabel(colleague.status)}</span>
        </div>
        <LastWords unread={unread} />
      </div>
    </li>
  );
}
