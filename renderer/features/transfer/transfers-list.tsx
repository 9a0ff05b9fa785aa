import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConsole } from '../../store/store-context';
import { selectGroupChats, selectTransfersForMe, transferNoteOf } from '../../store/transfer-slice';
import { patronLabel } from '../../../src/domain/patron-label';

/** Chats colleagues transferred to me (waiting for Accept) and group chats I am a participant of. */
export function TransfersList() {
  const offered = useConsole(useShallow(selectTransfersForMe));
  const groups = useConsole(useShallow(selectGroupChats));
  const openChat = useConsole((state) => state.openChat);
  // An offer is read before it is taken: the preview fetches the whole conversation so far, not only what came after the offer.
  const previewChat = useConsole((state) => state.previewChat);
  const offeredId = useId();
  const groupId = useId();
  return (
    <>
      {offered.length > 0 ? (
        <section className="transfers" aria-labelledby={offeredId}>
          <h2 id={offeredId}>Transfers for you</h2>
          <ul aria-labelledby={offeredId} className="chat-rows">
            {offered.map((chat) => (
              <li key={chat.id} data-chat-id={chat.id} className="chat-row">
                <button type="button" className="link-button patron-name" onClick={() => void previewChat(chat.id)}>
                  <bdi dir="auto">{patronLabel(chat)}</bdi>
                </button>
                <p className="chat-row-flag">{transferNoteOf(chat)}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {groups.length > 0 ? (
        <section className="group-chats" aria-labelledby={groupId}>
          <h2 id={groupId}>Group chats</h2>
          <ul aria-labelledby={groupId} className="chat-rows">
            {groups.map((chat) => (
              <li key={chat.id} data-chat-id={chat.id} className="chat-row">
                <button type="button" className="link-button patron-name" onClick={() => openChat(chat.id)}>
                  <bdi dir="auto">{patronLabel(chat)}</bdi>
                </button>
                <p className="chat-row-flag">
                  With <bdi dir="auto">{chat.ownerName ?? 'a colleague'}</bdi>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
