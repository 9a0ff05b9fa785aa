import { useShallow } from 'zustand/react/shallow';
import { chatAccessOf, may, watchesEveryDepartment } from '../../../src/domain/chat-access';
import { patronLabel } from '../../../src/domain/patron-label';
import type { ChatSummary } from '../../../src/protocol';
import type { ConsoleState } from '../../store/console-state';
import { CollapsibleSection } from '../../shared/collapsible-section';
import { useNow } from '../../shared/use-now';
import { type VirtualRowProps, VirtualRows } from '../../shared/virtual-rows';
import { patronLeftQueue } from '../../store/selectors';
import { useConsole } from '../../store/store-context';
import { whoHasIt } from './holding';
import './supervise.css';

/** Every waiting and active chat a supervisor may take, longest-held first. */
const selectSupervisedChats = (state: ConsoleState): ChatSummary[] => {
  const me = state.operator;
  if (!me) return [];
  return Object.values(state.chats)
    .filter((chat) => chat.status !== 'ended' && may('supervise', chatAccessOf(chat), me))
    .sort((a, b) => (a.claimedAt ?? a.createdAt) - (b.claimedAt ?? b.createdAt));
};

const chatIdOf = (chat: ChatSummary): string => chat.id;

/**
 * All chats, for supervisors and admins: who has each waiting and active chat
 * and for how long. The patron's name opens it, where Take over and
 * Reassign... are. Operators never see the section (nothing here is theirs to take).
 */
export function AllChatsList() {
  const chats = useConsole(useShallow(selectSupervisedChats));
  const supervises = useConsole((state) => state.operator !== null && watchesEveryDepartment(state.operator));
  const now = useNow();
  if (!supervises) return null;
  return (
    <CollapsibleSection
      title="All chats"
      className="all-chats"
      foldedNote={chats.length > 0 ? `${chats.length} open` : undefined}
    >
      {(headingId) => (
        <>
          {chats.length === 0 ? <p className="empty">No chats are waiting or in progress.</p> : null}
          <VirtualRows
            items={chats}
            keyOf={chatIdOf}
            estimateRowHeight={72}
            labelledBy={headingId}
            renderRow={(chat, row) => <SupervisedChatRow chat={chat} now={now} row={row} />}
          />
        </>
      )}
    </CollapsibleSection>
  );
}

function SupervisedChatRow({ chat, now, row }: { chat: ChatSummary; now: number; row: VirtualRowProps }) {
  const previewChat = useConsole((state) => state.previewChat);
  const isOpen = useConsole((state) => state.openChatId === chat.id);
  const left = useConsole((state) => patronLeftQueue(state, chat));
  return (
    <li
      {...row}
      className={`chat-row${isOpen ? ' chat-row-open' : ''}`}
      data-chat-id={chat.id}
      data-owner-id={chat.ownerId ?? undefined}
    >
      <div className="chat-row-main">
        <button
          type="button"
          className="link-button patron-name"
          aria-current={isOpen ? 'true' : undefined}
          onClick={() => void previewChat(chat.id)}
        >
          <bdi dir="auto">{patronLabel(chat)}</bdi>
        </button>
        <span className="chat-row-department">{chat.departmentName}</span>
        <p className="chat-row-holding">{whoHasIt(chat, now, left)}</p>
      </div>
    </li>
  );
}
