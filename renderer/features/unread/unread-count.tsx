import type { Unread } from '../../store/unread-selectors';
import './unread.css';

/** A row's unread messages as a badge, read out as "2 unread"; nothing when all is read. */
export function UnreadCount({ unread }: { unread: Unread }) {
  if (unread.count === 0) return null;
  return (
    <span className="unread-count" data-unread-count={unread.count}>
      {unread.count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}

/** The other side's last words on one line, cut with an ellipsis, in whatever direction they were written. */
export function LastWords({ unread, fallback }: { unread: Unread; fallback?: string }) {
  const text = unread.preview || fallback;
  if (!text) return null;
  return (
    <p className={`last-words${unread.count > 0 ? ' last-words-unread' : ''}`} dir="auto" title={text}>
      {text}
    </p>
  );
}
