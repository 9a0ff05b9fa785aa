import { useId } from 'react';
import { formatDateTime, isoOf } from '../../shared/format-time';
import { firstWords } from '../../store/new-chat-alert';
import { useConsole } from '../../store/store-context';
import type { ChatSummary } from '../../../src/protocol';
import { VirtualRows } from '../../shared/virtual-rows';
import { TranscriptSearchForm, TranscriptSearchPages } from './transcript-search-form';
import { patronLabel } from '../../../src/domain/patron-label';

const NO_CHATS: readonly ChatSummary[] = [];
const chatIdOf = (chat: ChatSummary): string => chat.id;

/** Ended chats, newest first, only the rows in view rendered; opening one reads back its stored transcript. */
export function TranscriptsList() {
  const latest = useConsole((state) => state.endedChats);
  const search = useConsole((state) => state.transcriptSearch);
  // A search's page of matches replaces the latest ended chats until it is cleared.
  const chats = search ? search.chats : latest;
  const error = useConsole((state) => state.transcriptSearch?.error ?? state.endedChatsError);
  const openTranscript = useConsole((state) => state.openTranscript);
  const reload = useConsole((state) => state.loadEndedChats);
  const openId = useConsole((state) => (state.rightView === 'transcript' ? state.transcript?.chatId : null));
  const headingId = useId();
  return (
    <section className="transcripts" aria-labelledby={headingId}>
      <div className="section-heading">
        <h2 id={headingId}>Transcripts</h2>
        <button type="button" className="small" onClick={() => void reload()}>
          Refresh
        </button>
      </div>
      <TranscriptSearchForm />
      <TranscriptSearchPages />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {chats === null && !error ? <p className="empty">Loading…</p> : null}
      {chats?.length === 0 && !search ? <p className="empty">No ended chats yet.</p> : null}
      <VirtualRows
        items={chats ?? NO_CHATS}
        keyOf={chatIdOf}
        estimateRowHeight={100}
        labelledBy={headingId}
        className="virtual-rows-tall"
        renderRow={(chat, row) => (
          <li {...row} data-chat-id={chat.id} className={`chat-row${openId === chat.id ? ' chat-row-open' : ''}`}>
            <div className="chat-row-main">
              <button
                type="button"
                className="link-button patron-name"
                aria-current={openId === chat.id ? 'true' : undefined}
                onClick={() => void openTranscript(chat.id)}
              >
                <bdi dir="auto">{patronLabel(chat)}</bdi>
              </button>
              <span className="chat-row-department">{chat.departmentName}</span>
              <p className="chat-row-preview" dir="auto">
                {firstWords(chat.question, 60)}
              </p>
              <p className="chat-row-waited">
                Ended {chat.endedAt ? <time dateTime={isoOf(chat.endedAt)}>{formatDateTime(chat.endedAt)}</time> : null}
                {chat.ownerName ? (
                  <>
                    {' · '}
                    <bdi dir="auto">{chat.ownerName}</bdi>
                  </>
                ) : null}
              </p>
            </div>
          </li>
        )}
      />
    </section>
  );
}
