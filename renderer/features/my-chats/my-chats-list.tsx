import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ChatSummary } from '../../../src/protocol';
import { VirtualRows } from '../../shared/virtual-rows';
import { firstWords } from '../../store/new-chat-alert';
import { selectMyChats } from '../../store/selectors';
import { useConsole } from '../../store/store-context';
import { transferNoteOf } from '../../store/transfer-slice';
import { patronLabel } from '../../../src/domain/patron-label';

const chatIdOf = (chat: ChatSummary): string => chat.id;

/** The chats this operator is answering, and their ended ones still waiting for an analytics entry. */
export function MyChatsList() {
  const chats = useConsole(useShallow(selectMyChats));
  const openChat = useConsole((state) => state.openChat);
  const openChatId = useConsole((state) => state.openChatId);
  const me = useConsole((state) => state.operator?.id);
  const headingId = useId();
  return (
    <section className="my-chats" aria-labelledby={headingId}>
      <h2 id={headingId}>My chats</h2>
      {chats.length === 0 ? <p className="empty">Claim a chat to start answering.</p> : null}
      <VirtualRows
        items={chats}
        keyOf={chatIdOf}
        estimateRowHeight={84}
        labelledBy={headingId}
        renderRow={(chat, row) => (
          <li {...row} data-chat-id={chat.id} className={`chat-row${openChatId === chat.id ? ' chat-row-open' : ''}`}>
            <div className="chat-row-main">
              <button
                type="button"
                className="link-button patron-name"
                aria-current={openChatId === chat.id ? 'true' : undefined}
                onClick={() => openChat(chat.id)}
              >
                <bdi dir="auto">{patronLabel(chat)}</bdi>
              </button>
              <span className="chat-row-department">{chat.departmentName}</span>
              <p className="chat-row-preview" dir="auto">
                {firstWords(chat.question, 60)}
              </p>
              {chat.status === 'ended' ? <p className="chat-row-flag">Ended: analytics not saved yet</p> : null}
              {chat.transfer ? <p className="chat-row-flag">{transferNoteOf(chat, me)}</p> : null}
            </div>
          </li>
        )}
      />
    </section>
  );
}
