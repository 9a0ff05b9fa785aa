import { useId } from 'react';
import { OPERATOR_STATUSES, type OperatorStatus } from '../../../src/protocol';
import { statusDot, statusLabel } from '../../../src/domain/presence';
import { useConsole } from '../../store/store-context';

/** Online, Internal, Away, Offline, with the practice's coloured dot beside it. */
export function StatusSelector() {
  const status = useConsole((state) => state.status);
  const setStatus = useConsole((state) => state.setStatus);
  const requestLeave = useConsole((state) => state.requestLeave);
  const error = useConsole((state) => state.statusError);
  const connected = useConsole((state) => state.connection === 'connected');
  const id = useId();

  return (
    <div className="status-selector">
      <span className={`dot dot-${statusDot(status)}`} aria-hidden="true" />
      <label htmlFor={id}>Status</label>
      <select
        id={id}
        value={status}
        disabled={!connected}
        onChange={(event) => {
          const chosen = event.target.value as OperatorStatus;
          // Offline with chats in progress asks first whether to hand them back.
          void (chosen === 'offline' ? requestLeave('offline') : setStatus(chosen));
        }}
      >
        {OPERATOR_STATUSES.map((option) => (
          <option key={option} value={option}>
            {statusLabel(option)}
          </option>
        ))}
      </select>
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
