import { useShallow } from 'zustand/react/shallow';
import { waitedFor } from '../../../src/domain/chat-stats';
import type { ChatSummary } from '../../../src/protocol';
import { CollapsibleSection } from '../../shared/collapsible-section';
import { useNow } from '../../shared/use-now';
import { isoOf } from '../../shared/format-time';
import { type VirtualRowProps, VirtualRows } from '../../shared/virtual-rows';
import { firstWords } from '../../store/new-chat-alert';
import { patronLeftQueue, selectWaitingChats } from '../../store/selectors';
import { useConsole } from '../../store/store-context';
import { transferNoteOf } from '../../store/transfer-slice';
import { patronLabel } from '../../../src/domain/patron-label';

/**
 * Patron Chats: every chat waiting in a department this operator monitors.
 * Clicking the patron's name previews the chat without claiming it. A busy
 * queue renders only the rows in view (see VirtualRows).
 */
export function PatronChatsList() {
  const chats = useConsole(useShallow(selectWaitingChats));
  const now = useNow();
  return (
    <CollapsibleSection
      title="Patron Chats"
      className="patron-chats"
      foldedNote={chats.length > 0 ? `${chats.length} waiting` : undefined}
    >
      {(headingId) => (
        <>
          {chats.length === 0 ? <p className="empty">No patrons are waiting.</p> : null}
          <VirtualRows
            items={chats}
            keyOf={chatIdOf}
            estimateRowHeight={104}
            labelledBy={headingId}
            renderRow={(chat, row) => <WaitingChatRow chat={chat} now={now} row={row} />}
          />
        </>
      )}
    </CollapsibleSection>
  );
}

const chatIdOf = (chat: ChatSummary): string => chat.id;

function WaitingChatRow({ chat, now, row }: { chat: ChatSummary; now: number; row: VirtualRowProps }) {
  const previewChat = useConsole((state) => state.previewChat);
  const claimChat = useConsole((state) => state.claimChat);
  const busy = useConsole((state) => state.busy[chat.id]);
  const isOpen = useConsole((state) => state.openChatId === chat.id);
  // Gone from the widget: visibly nobody's, not counted as new; it ends unanswered unless they return.
  const left = useConsole((state) => patronLeftQueue(state, chat));
  const name = patronLabel(chat);
  // A chat a colleague sent back to the department's queue says so, with their briefing.
  const me = useConsole((state) => state.operator?.id);
  const transferNote = transferNoteOf(chat, me);
  return (
    <li
      {...row}
      className={`chat-row${isOpen ? ' chat-row-open' : ''}${left ? ' chat-row-left' : ''}`}
      data-chat-id={chat.id}
      data-patron-left={left ? 'true' : undefined}
    >
      <div className="chat-row-main">
        <button
          type="button"
          className="link-button patron-name"
          aria-current={isOpen ? 'true' : undefined}
          onClick={() => void previewChat(chat.id)}
        >
          <bdi dir="auto">{name}</bdi>
        </button>
        {left ? <span className="badge badge-left">Left</span> : null}
        <span className="chat-row-department">{chat.departmentName}</span>
        {chat.returnedBy ? (
          <p className="chat-row-flag" data-returned-by={chat.returnedBy.id}>
            Returned by {chat.returnedBy.name}
          </p>
        ) : null}
        {transferNote ? (
          <p className="chat-row-flag" data-transfer-from={chat.transfer?.from.id}>
            {transferNote}
            {chat.transfer?.briefing ? (
              <>
                : <bdi dir="auto">{firstWords(chat.transfer.briefing, 90)}</bdi>
              </>
            ) : null}
          </p>
        ) : null}
        <p className="chat-row-preview" dir="auto">
          {firstWords(chat.question, 90)}
        </p>
        <p className="chat-row-waited">
          {left ? 'Left after waiting ' : 'Waiting '}
          <time dateTime={isoOf(chat.createdAt)}>
            {waitedFor(chat.createdAt, left ? (chat.patronAwaySince ?? now) : now)}
          </time>
        </p>
      </div>
      <button type="button" className="primary" disabled={busy === 'claim'} onClick={() => void claimChat(chat.id)}>
        Claim Chat
      </button>
    </li>
  );
}
