import { useEffect } from 'react';
import { useConsole } from '../../store/store-context';
import { ActiveChatsTable, WaitingChatsTable } from './desk-chats';
import { DepartmentsTable } from './desk-departments';
import { FollowUpsTable } from './desk-follow-ups';
import { OperatorLoadTable } from './desk-operators';
import './desk.css';

/** The overview refreshes this often while the page is open; chats and presence are live already. */
const REFRESH_MS = 15_000;

/**
 * The supervisor's Desk view (supervisors and admins), live: each
 * department's coverage (who is Online, Internal, Away; the dark-desk alarm
 * in red), every waiting chat longest first with its wait coloured past the
 * ladder's rungs, every active chat with its operator, each operator's load,
 * and the follow-ups patrons left. From here a supervisor watches a chat,
 * takes it over or reassigns it, and sets a colleague's status.
 */
export function DeskPage() {
  const refreshDesk = useConsole((state) => state.refreshDesk);
  const error = useConsole((state) => state.deskError);
  const actionError = useConsole((state) => state.deskActionError);
  const closeDesk = useConsole((state) => state.closeDesk);
  useEffect(() => {
    const timer = setInterval(() => void refreshDesk(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refreshDesk]);
  return (
    <section className="desk-page" aria-labelledby="desk-title">
      <div className="desk-title">
        <h2 id="desk-title">Desk</h2>
        <button type="button" onClick={() => void refreshDesk()}>
          Refresh
        </button>
        <button type="button" onClick={closeDesk}>
          Back to chats
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {actionError ? (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      ) : null}
      <DepartmentsTable />
      <WaitingChatsTable />
      <ActiveChatsTable />
      <OperatorLoadTable />
      <FollowUpsTable />
    </section>
  );
}
