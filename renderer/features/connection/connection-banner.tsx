import type { ConnectionState } from '../../../src/client/connection-events';
import { useConsole } from '../../store/store-context';

const WORDS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: '',
  reconnecting: 'Reconnecting… Messages you send now will go out when the connection is back.',
  offline: 'Offline: not connected to the Deskbell server.',
};

/** Says when the console is not connected; empty (but present, for screen readers) when all is well. */
export function ConnectionBanner() {
  const connection = useConsole((state) => state.connection);
  const problem = useConsole((state) => state.problem);
  const text = WORDS[connection];
  return (
    <div
      className={`connection-banner ${text ? `banner-${connection}` : 'banner-hidden'}`}
      role="status"
      data-connection-state={connection}
    >
      {text}
      {text && problem ? ` (${problem})` : null}
    </div>
  );
}
