import { useEffect, useId, useState } from 'react';
import type { PatronHistoryEntry } from '../../../src/protocol';
import { formatDateTime, isoOf } from '../../shared/format-time';
import { firstWords } from '../../store/new-chat-alert';
import { useConsole } from '../../store/store-context';
import './patron-info.css';

/** How the server recognised the returning patron, in the words the tab shows. */
const RECOGNISED_BY: Record<PatronHistoryEntry['match'], string> = {
  email: 'same email',
  browser: 'same browser',
};

/**
 * "Earlier chats": the same patron's earlier chats (same email, or the same
 * browser), newest first; each opens its transcript in the right panel. The
 * list comes with preview, claim and transcript answers; a chat restored by a
 * sync asks for it when the tab opens.
 */
export function PatronHistory({ chatId }: { chatId: string }) {
  const history = useConsole((state) => state.patronHistory[chatId]);
  const loadPatronHistory = useConsole((state) => state.loadPatronHistory);
  const openTranscript = useConsole((state) => state.openTranscript);
  const headingId = useId();
  // The chat whose last request came back; still no history then means it failed (or the console was offline).
  const [answered, setAnswered] = useState<string | null>(null);
  const failed = history === undefined && answered === chatId;

  useEffect(() => {
    if (!history) void loadPatronHistory(chatId).then(() => setAnswered(chatId));
  }, [history, loadPatronHistory, chatId]);

  const retry = () => {
    setAnswered(null);
    void loadPatronHistory(chatId).then(() => setAnswered(chatId));
  };

  return (
    <section className="patron-history" aria-labelledby={headingId}>
      <h3 id={headingId}>Earlier chats</h3>
      {history === undefined && !failed ? <p className="empty">Looking for earlier chats…</p> : null}
      {failed ? (
        <div className="patron-history-failed">
          <p className="form-error" role="alert">
            The earlier chats could not be looked up.
          </p>
          <button type="button" className="small" onClick={retry}>
            Try again
          </button>
        </div>
      ) : null}
      {history?.length === 0 ? <p className="empty">No earlier chats</p> : null}
      {history && history.length > 0 ? (
        <ul aria-labelledby={headingId} className="chat-rows">
          {history.map((entry) => (
            <HistoryRow key={entry.chatId} entry={entry} onOpen={() => void openTranscript(entry.chatId)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function HistoryRow({ entry, onOpen }: { entry: PatronHistoryEntry; onOpen: () => void }) {
  return (
    <li className="chat-row" data-chat-id={entry.chatId} data-match={entry.match}>
      <div className="chat-row-main">
        {/* The question names the link: "Where are the atlases…" says more than a date does. */}
        <button type="button" className="link-button patron-history-open" onClick={onOpen}>
          <bdi dir="auto">{firstWords(entry.question, 60)}</bdi>
        </button>
        <span className="chat-row-department">
          <time dateTime={isoOf(entry.createdAt)}>{formatDateTime(entry.createdAt)}</time> · {entry.departmentName}
        </span>
        <p className="chat-row-waited">
          {answeredBy(entry)} · Recognised by the {RECOGNISED_BY[entry.match]}
        </p>
      </div>
    </li>
  );
}

function answeredBy(entry: PatronHistoryEntry): string {
  if (entry.status === 'waiting') return 'Still waiting to be claimed';
  if (!entry.ownerName) return 'Not answered';
  return entry.status === 'ended' ? `Answered by ${entry.ownerName}` : `Being answered by ${entry.ownerName}`;
}
