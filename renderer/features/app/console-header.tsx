import { runsTheDesk } from '../../../src/domain/chat-access';
import { useConsole } from '../../store/store-context';
import { HandBackDialog } from '../status/hand-back-dialog';
import { StatusSelector } from '../status/status-selector';

/**
 * The top bar: the app's name, the operator, their status, Canned messages, Desk and Reports (supervisors and
 * admins), Administration (admins), Settings and Log out.
 */
export function ConsoleHeader() {
  const name = useConsole((state) => state.operator?.displayName ?? '');
  const requestLeave = useConsole((state) => state.requestLeave);
  const settingsOpen = useConsole((state) => state.settingsOpen);
  const openSettings = useConsole((state) => state.openSettings);
  const closeSettings = useConsole((state) => state.closeSettings);
  const cannedOpen = useConsole((state) => state.cannedOpen);
  const openCanned = useConsole((state) => state.openCanned);
  const closeCanned = useConsole((state) => state.closeCanned);
  const isAdmin = useConsole((state) => state.operator?.role === 'admin');
  const adminOpen = useConsole((state) => state.adminOpen);
  const openAdmin = useConsole((state) => state.openAdmin);
  const closeAdmin = useConsole((state) => state.closeAdmin);
  const runsDesk = useConsole((state) => state.operator !== null && runsTheDesk(state.operator));
  const deskShown = useConsole(
    (state) => state.deskOpen && !state.settingsOpen && !state.cannedOpen && !state.adminOpen && !state.reportsOpen,
  );
  const reportsOpen = useConsole((state) => state.reportsOpen);
  const openReports = useConsole((state) => state.openReports);
  const closeReports = useConsole((state) => state.closeReports);
  const openDesk = useConsole((state) => state.openDesk);
  const closeDesk = useConsole((state) => state.closeDesk);
  return (
    <header className="console-header">
      <h1>Deskbell</h1>
      <div className="console-header-right">
        <StatusSelector />
        <span className="operator-name">{name}</span>
        {/* One page at a time: opening one closes the others (each open action does it itself). */}
        <button type="button" aria-pressed={cannedOpen} onClick={() => (cannedOpen ? closeCanned() : openCanned())}>
          Canned messages
        </button>
        {runsDesk ? (
          <button type="button" aria-pressed={deskShown} onClick={() => (deskShown ? closeDesk() : openDesk())}>
            Desk
          </button>
        ) : null}
        {runsDesk ? (
          <button
            type="button"
            aria-pressed={reportsOpen}
            onClick={() => (reportsOpen ? closeReports() : openReports())}
          >
            Reports
          </button>
        ) : null}
        {isAdmin ? (
          <button type="button" aria-pressed={adminOpen} onClick={() => (adminOpen ? closeAdmin() : openAdmin())}>
            Administration
          </button>
        ) : null}
        <button
          type="button"
          aria-pressed={settingsOpen}
          onClick={() => (settingsOpen ? closeSettings() : openSettings())}
        >
          Settings
        </button>
        <button type="button" onClick={() => void requestLeave('log-out')}>
          Log out
        </button>
      </div>
      <HandBackDialog />
    </header>
  );
}
