import { useConsole } from '../../store/store-context';
import { StatusSelector } from '../status/status-selector';

/** The top bar: the app's name, the operator, their status, Settings and Log out. */
export function ConsoleHeader() {
  const name = useConsole((state) => state.operator?.displayName ?? '');
  const logOut = useConsole((state) => state.logOut);
  const settingsOpen = useConsole((state) => state.settingsOpen);
  const openSettings = useConsole((state) => state.openSettings);
  const closeSettings = useConsole((state) => state.closeSettings);
  return (
    <header className="console-header">
      <h1>Deskbell</h1>
      <div className="console-header-right">
        <StatusSelector />
        <span className="operator-name">{name}</span>
        <button
          type="button"
          aria-pressed={settingsOpen}
          onClick={() => (settingsOpen ? closeSettings() : openSettings())}
        >
          Settings
        </button>
        <button type="button" onClick={() => void logOut()}>
          Log out
        </button>
      </div>
    </header>
  );
}
