import { useShallow } from 'zustand/react/shallow';
import { waitedFor } from '../../../src/domain/chat-stats';
import type { ChatSummary } from '../../../src/protocol';
import { CollapsibleSection } from '../../shared/collapsible-section';
import { useNow } from '../../shared/use-now';
import { isoOf } from '../../shared/format-time';
import { type VirtualRowProps, VirtualRows } from '../../shared/virtual-rows';
import { firstWords, patronNameOf } from '../../store/new-chat-alert';
import { selectWaitingChats } from '../../store/selectors';
import { useConsole } from '../../store/store-context';
import { transferNoteOf } from '../../store/transfer-slice';

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
  const name = patronNameOf(chat);
  // A chat a colleague sent back to the department's queue says so, with their briefing.
  const transferNote = transferNoteOf(chat);
  return (
    <li {...row} className={`chat-row${isOpen ? ' chat-row-open' : ''}`} data-chat-id={chat.id}>
      <div className="chat-row-main">
        <button
          type="button"
          className="link-button patron-name"
          aria-current={isOpen ? 'true' : undefined}
          onClick={() => void previewChat(chat.id)}
        >
          {name}
        </button>
        <span className="chat-row-department">{chat.departmentName}</span>
        {transferNote ? (
          <p className="chat-row-flag" data-transfer-from={chat.transfer?.from.id}>
            {transferNote}
            {chat.transfer?.briefing ? `: ${firstWords(chat.transfer.briefing, 90)}` : ''}
          </p>
        ) : null}
        <p className="chat-row-preview">{firstWords(chat.question, 90)}</p>
        <p className="chat-row-waited">
          Waiting <time dateTime={isoOf(chat.createdAt)}>{waitedFor(chat.createdAt, now)}</time>
        </p>
      </div>
      <button type="button" className="primary" disabled={busy === 'claim'} onClick={() => void claimChat(chat.id)}>
        Claim Chat
      </button>
    </li>
  );
}
