import { useEffect, useId } from 'react';
import type { StaffChat } from '../../../src/protocol';
import { formatDateTime, isoOf } from '../../shared/format-time';
import { useConsole } from '../../store/store-context';
import { memberNamesOf } from './staff-chat-members';
import './staff-review.css';

/**
 * Supervisors and admins: every archived staff chat, newest activity first;
 * opening one shows it read-only in the right panel, where its new messages
 * arrive live. Asked for afresh each time the tab opens (and on Refresh).
 */
export function StaffReviewList() {
  const review = useConsole((state) => state.staffReview);
  const loadStaffReview = useConsole((state) => state.loadStaffReview);
  const openStaffReview = useConsole((state) => state.openStaffReview);
  const openId = useConsole((state) => (state.rightView === 'staff' ? state.staffChat?.chat?.id : undefined));
  const headingId = useId();

  useEffect(() => {
    void loadStaffReview();
  }, [loadStaffReview]);

  const chats = review?.chats ?? null;
  return (
    <section className="staff-review" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Staff chats</h2>
        <button type="button" className="small" onClick={() => void loadStaffReview()}>
          Refresh
        </button>
      </div>
      <p className="staff-review-note">Every staff chat is archived; supervisors can read them here.</p>
      {review?.error ? (
        <p className="form-error" role="alert">
          {review.error}
        </p>
      ) : null}
      {chats === null && !review?.error ? <p className="empty">Loading…</p> : null}
      {chats?.length === 0 ? <p className="empty">No staff chats yet.</p> : null}
      <ul aria-labelledby={headingId} className="chat-rows">
        {(chats ?? []).map((chat) => (
          <StaffReviewRow
            key={chat.id}
            chat={chat}
            open={openId === chat.id}
            onOpen={() => void openStaffReview(chat)}
          />
        ))}
      </ul>
    </section>
  );
}

function StaffReviewRow({ chat, open, onOpen }: { chat: StaffChat; open: boolean; onOpen: () => void }) {
  // A chat open for review hears its new messages live; its row follows them without a Refresh.
  const heardAt = useConsole((state) => state.staffMessages[chat.id]?.at(-1)?.createdAt);
  const lastAt = Math.max(chat.lastMessageAt ?? 0, heardAt ?? 0) || null;
  return (
    <li className={`chat-row${open ? ' chat-row-open' : ''}`} data-staff-chat-id={chat.id}>
      <div className="chat-row-main">
        <button type="button" className="link-button" aria-current={open ? 'true' : undefined} onClick={onOpen}>
          {memberNamesOf(chat)}
        </button>
        <p className="chat-row-waited">
          {lastAt ? (
            <>
              Last message <time dateTime={isoOf(lastAt)}>{formatDateTime(lastAt)}</time>
            </>
          ) : (
            'No messages yet'
          )}
        </p>
      </div>
    </li>
  );
}
