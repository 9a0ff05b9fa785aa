import type { ChatSummary } from '../../../src/protocol';
import { MessageText } from '../../shared/message-text';
import { useConsole } from '../../store/store-context';
import { transferNoteOf } from '../../store/transfer-slice';

/** "Transferred from <name>" and the briefing, on a chat marked as a transfer; Accept or Decline when offered to me. */
export function TransferOffer({ chat, offeredToMe }: { chat: ChatSummary; offeredToMe: boolean }) {
  const accept = useConsole((state) => state.acceptTransfer);
  const decline = useConsole((state) => state.declineTransfer);
  const busy = useConsole((state) => state.transferBusy[chat.id] !== undefined);
  const me = useConsole((state) => state.operator?.id);
  const note = transferNoteOf(chat, me);
  if (!note) return null;
  const sentByMe = chat.transfer?.from.id === me;
  return (
    <div
      className="transfer-offer"
      data-transfer-to={chat.transfer?.to.id}
      data-transfer-sent={sentByMe ? 'true' : undefined}
      role={sentByMe ? 'status' : undefined}
    >
      <p className="transfer-from">
        {note}
        {chat.transfer?.to.kind === 'department' && !sentByMe ? ` to ${chat.transfer.to.name}` : ''}
      </p>
      {chat.transfer?.briefing ? (
        <blockquote className="transfer-briefing-text" dir="auto">
          <MessageText body={chat.transfer.briefing} />
        </blockquote>
      ) : null}
      {offeredToMe ? (
        <div className="transfer-offer-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void accept(chat.id)}>
            Accept
          </button>
          <button type="button" disabled={busy} onClick={() => void decline(chat.id)}>
            Decline
          </button>
        </div>
      ) : null}
    </div>
  );
}
