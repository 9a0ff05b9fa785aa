import { useConsole } from '../../store/store-context';
import { StatusSelector } from '../status/status-selector';

/** The top bar: the app's name, the operator, their status, and Log out. */
export function ConsoleHeader() {
  const name = useConsole((state) => state.operator?.displayName ?? '');
  const logOut = useConsole((state) => state.logOut);
  return (
    <header className="console-header">
      <h1>Deskbell</h1>
      <div className="console-header-right">
        <StatusSelector />
        <span className="operator-name">{name}</span>
        <button type="button" onClick={() => void logOut()}>
          Log out
        </button>
      </div>
    </header>
  );
}
