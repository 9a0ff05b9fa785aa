import './chat-activity.css';

/**
 * While the chat waits for a librarian: the reassurance, and the patron's place in the queue,
 * updated live as chats ahead are claimed. Two status regions, so a new place is read on its own
 * and not with the whole notice again; the place's region is there (empty) before the first number.
 */
export function WaitingNotice({ position }: { position: number | null }) {
  return (
    <div className="waiting">
      <span className="dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <div className="waiting-text">
        <p role="status">
          <strong>A librarian will be with you shortly.</strong> You can add details below while you wait.
        </p>
        <p role="status" className="queue-position" data-queue-position={position ?? undefined}>
          {queueText(position)}
        </p>
      </div>
    </div>
  );
}

/** "You are next." for the first in line, "You are number 3 in the queue." behind; empty while unknown. */
export function queueText(position: number | null): string {
  if (position === null || position < 1) return '';
  return position === 1 ? 'You are next.' : `You are number ${position} in the queue.`;
}
