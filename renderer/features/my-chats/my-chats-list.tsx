import { useShallow } from 'zustand/react/shallow';
import type { ChatSummary } from '../../../src/protocol';
import { CollapsibleSection } from '../../shared/collapsible-section';
import { type VirtualRowProps, VirtualRows } from '../../shared/virtual-rows';
import { firstWords } from '../../store/new-chat-alert';
import { selectMyChats } from '../../store/selectors';
import { useConsole } from '../../store/store-context';
import { selectUnreadTotal, unreadOfChat } from '../../store/unread-selectors';
import { LastWords, UnreadCount } from '../unread/unread-count';
import { transferNoteOf } from '../../store/transfer-slice';
import { patronLabel } from '../../../src/domain/patron-label';

const chatIdOf = (chat: ChatSummary): string => chat.id;

/**
 * The chats this operator is answering, and their ended ones still waiting
 * for an analytics entry; each with its unread count and the patron's last words.
 */
export function MyChatsList() {
  const chats = useConsole(useShallow(selectMyChats));
  const unread = useConsole(selectUnreadTotal);
  return (
    <CollapsibleSection title="My chats" className="my-chats" foldedNote={unread > 0 ? `${unread} unread` : undefined}>
      {(headingId) => (
        <>
          {chats.length === 0 ? <p className="empty">Claim a chat to start answering.</p> : null}
          <VirtualRows
            items={chats}
            keyOf={chatIdOf}
            estimateRowHeight={84}
            labelledBy={headingId}
            renderRow={(chat, row) => <MyChatRow chat={chat} row={row} />}
          />
        </>
      )}
    </CollapsibleSection>
  );
}

function MyChatRow({ chat, row }: { chat: ChatSummary; row: VirtualRowProps }) {
  const openChat = useConsole((state) => state.openChat);
  const isOpen = useConsole((state) => state.openChatId === chat.id);
  const unread = useConsole(useShallow((state) => unreadOfChat(state, chat.id)));
  const me = useConsole((state) => state.operator?.id);
  const name = patronLabel(chat);
  return (
    <li
      {...row}
      data-chat-id={chat.id}
      data-unread={unread.count}
      className={`chat-row${isOpen ? ' chat-row-open' : ''}`}
    >
      <div className="chat-row-main">
        <div className="chat-row-title">
          <button
            type="button"
            className="link-button patron-name"
            aria-current={isOpen ? 'true' : undefined}
            onClick={() => openChat(chat.id)}
          >
            <bdi dir="auto">{name}</bdi>
          </button>
          <UnreadCount unread={unread} />
        </div>
        <span className="chat-row-department">{chat.departmentName}</span>
        {/* The patron's last words once they wrote; until then the question they asked. */}
        <LastWords unread={unread} fallback={firstWords(chat.question, 60)} />
        {chat.status === 'ended' ? <p className="chat-row-flag">Ended: analytics not saved yet</p> : null}
        {chat.transfer ? <p className="chat-row-flag">{transferNoteOf(chat, me)}</p> : null}
      </div>
    </li>
  );
}
