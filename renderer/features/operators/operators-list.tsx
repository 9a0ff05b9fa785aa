import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { statusDot, statusLabel } from '../../../src/domain/presence';
import { colleaguesOf } from '../../store/operators-slice';
import { useConsole } from '../../store/store-context';
import './operators.css';

/** The Operators list: colleagues with the practice's dots; clicking a name opens a staff chat. */
export function OperatorsList() {
  const colleagues = useConsole(useShallow((state) => colleaguesOf(state.operators, state.operator?.id)));
  const openStaffChat = useConsole((state) => state.openStaffChat);
  const openWith = useConsole((state) => (state.rightView === 'staff' ? state.staffChat?.operatorId : undefined));
  const headingId = useId();
  return (
    <section className="operators" aria-labelledby={headingId}>
      <h2 id={headingId}>Operators</h2>
      {colleagues.length === 0 ? <p className="empty">No colleagues are logged in.</p> : null}
      <ul aria-labelledby={headingId} className="operator-rows">
        {colleagues.map((colleague) => (
          <li
            key={colleague.id}
            className="operator-row"
            data-operator-id={colleague.id}
            data-status={colleague.status}
            data-dot={statusDot(colleague.status)}
          >
            <span className={`dot dot-${statusDot(colleague.status)} operator-dot`} aria-hidden="true" />
            <button
              type="button"
              className="link-button"
              aria-current={openWith === colleague.id ? 'true' : undefined}
              onClick={() => void openStaffChat(colleague)}
            >
              <bdi dir="auto">{colleague.displayName}</bdi>
            </button>
            <span className="operator-status">{statusLabel(colleague.status)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
