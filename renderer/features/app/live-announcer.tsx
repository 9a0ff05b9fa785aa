import { useConsole } from '../../store/store-context';

/** A polite live region: new chats, claims and replies in chats that are not open are read out. */
export function LiveAnnouncer() {
  const announcement = useConsole((state) => state.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {announcement}
    </div>
  );
}
