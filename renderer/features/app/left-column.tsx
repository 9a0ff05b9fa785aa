import { useState } from 'react';
import type { Role } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import type { LeftTab } from '../../store/console-state';
import { MyChatsList } from '../my-chats/my-chats-list';
import { OperatorsList } from '../operators/operators-list';
import { StaffReviewList } from '../staff-review/staff-review-list';
import { AllChatsList } from '../supervise/all-chats-list';
import { TransfersList } from '../transfer/transfers-list';
import { ChatCounter } from '../patron-chats/chat-counter';
import { PatronChatsList } from '../patron-chats/patron-chats-list';
import { TranscriptsList } from '../transcripts/transcripts-list';

/** The store's tabs, and the supervisors' own "Staff chats" tab (kept here: nothing else needs to know it is open). */
type Tab = LeftTab | 'staff';

const TAB_LABELS: Record<Tab, string> = {
  chats: 'Chats',
  transcripts: 'Transcripts',
  staff: 'Staff chats',
};

/** Supervisors and admins review every staff chat; operators see only their own, on the Operators list. */
const reviewsStaffChats = (role: Role | undefined): boolean => role === 'supervisor' || role === 'admin';

/**
 * The left column: the Chats tab (counter, Patron Chats, My chats, Operators),
 * the Transcripts tab, and for supervisors and admins the Staff chats tab.
 */
export function LeftColumn() {
  const storeTab = useConsole((state) => state.leftTab);
  const setStoreTab = useConsole((state) => state.setLeftTab);
  const reviewer = useConsole((state) => reviewsStaffChats(state.operator?.role));
  const [staffOpen, setStaffOpen] = useState(false);
  const tab: Tab = reviewer && staffOpen ? 'staff' : storeTab;
  const tabs: Tab[] = reviewer ? ['chats', 'transcripts', 'staff'] : ['chats', 'transcripts'];

  const select = (next: Tab) => {
    setStaffOpen(next === 'staff');
    if (next !== 'staff') setStoreTab(next);
  };
  const step = (from: Tab, by: number) => {
    const next = tabs[(tabs.indexOf(from) + by + tabs.length) % tabs.length] ?? 'chats';
    select(next);
    // The ARIA tabs pattern: the arrow keys move the focus along with the selection.
    document.getElementById(`left-tab-${next}`)?.focus();
  };

  return (
    <nav className="left-column" aria-label="Chats and transcripts">
      <div role="tablist" aria-label="Sections" className="tabs">
        {tabs.map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`left-tab-${value}`}
            aria-selected={tab === value}
            aria-controls={`left-panel-${value}`}
            tabIndex={tab === value ? 0 : -1}
            onClick={() => select(value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowRight') step(value, 1);
              else if (event.key === 'ArrowLeft') step(value, -1);
            }}
          >
            {TAB_LABELS[value]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`left-panel-${tab}`} aria-labelledby={`left-tab-${tab}`} className="left-panel">
        {tab === 'chats' ? (
          <>
            <ChatCounter />
            <PatronChatsList />
            <TransfersList />
            <MyChatsList />
            <AllChatsList />
            <OperatorsList />
          </>
        ) : tab === 'transcripts' ? (
          <TranscriptsList />
        ) : (
          <StaffReviewList />
        )}
      </div>
    </nav>
  );
}
