import { RATING_SCALE } from '../../../src/protocol/reports';
import { useId, useRef } from 'react';
import { useConsole } from '../../store/store-context';
import { formatDateTime } from '../../shared/format-time';
import { MessageText } from '../../shared/message-text';
import { useRescueFocus } from '../../shared/use-rescue-focus';
import { FindBox } from '../chat-pane/find-box';
import { StaffNotes } from '../desk/staff-notes';
import { useFindInChat } from '../chat-pane/find-in-chat';
import { MessageList, sideByAuthorKind, useAuthorNamesIn } from '../chat-pane/message-list';
import { PatronInfoTab } from '../patron-info/patron-info-tab';
import { patronLabel } from '../../../src/domain/patron-label';

const NO_MESSAGES: readonly never[] = [];

/** A stored transcript, read-only, with its analytics entry. */
export function TranscriptView() {
  const transcript = useConsole((state) => state.transcript);
  // Opened from a chat's earlier chats: a way back to the chat being answered.
  const openChat = useConsole((state) => (state.openChatId ? state.chats[state.openChatId] : undefined));
  const backToChat = useConsole((state) => state.openChat);
  // Opened from a report's list of chats: a way back to that list.
  const fromReports = useConsole((state) => state.transcriptFromReports);
  const backToReports = useConsole((state) => state.backToReports);
  const headingId = useId();
  const find = useFindInChat(transcript?.data?.messages ?? NO_MESSAGES, transcript?.chatId ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  const authorOf = useAuthorNamesIn(transcript?.data?.chat);
  useRescueFocus(heading, transcript?.chatId ?? '');
  if (!transcript) return null;
  const { data, error } = transcript;
  return (
    <section className="chat-pane" aria-labelledby={headingId} data-chat-id={transcript.chatId}>
      <header className="chat-pane-header">
        <div>
          <h2 id={headingId} ref={heading} tabIndex={-1}>
            Transcript
            {data ? (
              <>
                : <bdi dir="auto">{patronLabel(data.chat)}</bdi>
              </>
            ) : null}
          </h2>
          {data ? (
            <p className="chat-pane-status">
              <bdi>{data.chat.departmentName}</bdi> · {formatDateTime(data.chat.createdAt)}
              {data.chat.ownerName ? (
                <>
                  {' · answered by '}
                  <bdi dir="auto">{data.chat.ownerName}</bdi>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        {data ? <FindBox find={find} /> : null}
        {fromReports ? (
          <button type="button" onClick={backToReports}>
            Back to Reports
          </button>
        ) : null}
        {openChat && openChat.id !== transcript.chatId ? (
          <button type="button" onClick={() => backToChat(openChat.id)}>
            Back to the chat with <bdi dir="auto">{patronLabel(openChat)}</bdi>
          </button>
        ) : null}
      </header>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p className="empty">Loading the transcript…</p> : null}
      {data ? (
        <div className="chat-pane-body transcript-body" tabIndex={0} aria-label="Transcript details" role="group">
          <blockquote className="question">
            <p className="question-label">Question</p>
            <p dir="auto">
              <MessageText body={data.chat.question} />
            </p>
          </blockquote>
          <MessageList
            key={transcript.chatId}
            label="Transcript"
            messages={data.messages}
            sideOf={sideByAuthorKind}
            authorOf={authorOf}
            followNewest={false}
            find={find.highlight}
          />
          {/* Whispers and supervisor actions: staff-only lines, shown to staff beside the transcript. */}
          <StaffNotes chat={data.chat} />
          <h3>Analytics</h3>
          {data.analytics ? (
            <dl className="patron-info">
              <div>
                <dt>Question Type</dt>
                <dd>{data.analytics.questionTypeLabel}</dd>
              </div>
              <div>
                <dt>Time Spent</dt>
                <dd>{data.analytics.timeSpentMinutes} min</dd>
              </div>
              <div>
                <dt>Notes</dt>
                <dd dir="auto">{data.analytics.notes || <span className="not-given">None</span>}</dd>
              </div>
              <div>
                <dt>Saved by</dt>
                <dd>
                  {data.analytics.operatorName}, {formatDateTime(data.analytics.savedAt)}
                </dd>
              </div>
            </dl>
          ) : (
            <p className="empty">No analytics entry was saved for this chat.</p>
          )}
          <h3>Patron’s rating</h3>
          {data.rating ? (
            <p data-patron-rating>
              {data.rating.rating} of 5:{' '}
              {RATING_SCALE.find((choice) => choice.rating === data.rating?.rating)?.words ?? ''}
              {data.rating.comment ? (
                <>
                  {' · '}
                  <q dir="auto">{data.rating.comment}</q>
                </>
              ) : null}
            </p>
          ) : (
            <p className="empty">The patron did not rate this chat.</p>
          )}
          <h3>Patron info</h3>
          <PatronInfoTab chat={data.chat} />
        </div>
      ) : null}
    </section>
  );
}
