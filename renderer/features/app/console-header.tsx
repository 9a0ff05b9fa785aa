import { useConsole } from '../../store/store-context';
import { HandBackDialog } from '../status/hand-back-dialog';
import { StatusSelector } from '../status/status-selector';

/** The top bar: the app's name, the operator, their status, Canned messages, Settings and Log out. */
export function ConsoleHeader() {
  const name = useConsole((state) => state.operator?.displayName ?? '');
  const requestLeave = useConsole((state) => state.requestLeave);
  const settingsOpen = useConsole((state) => state.settingsOpen);
  const openSettings = useConsole((state) => state.openSettings);
  const closeSettings = useConsole((state) => state.closeSettings);
  const cannedOpen = useConsole((state) => state.cannedOpen);
  const openCanned = useConsole((state) => state.openCanned);
  const closeCanned = useConsole((state) => state.closeCanned);
  return (
    <header className="console-header">
      <h1>Deskbell</h1>
      <div className="console-header-right">
        <StatusSelector />
        <span className="operator-name">{name}</span>
        {/* One page at a time: opening one closes the other (openCanned closes Settings itself). */}
        <button type="button" aria-pressed={cannedOpen} onClick={() => (cannedOpen ? closeCanned() : openCanned())}>
          Canned messages
        </button>
        <button
          type="button"
          aria-pressed={settingsOpen}
          onClick={() => {
            if (settingsOpen) return closeSettings();
            closeCanned();
            openSettings();
          }}
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
