import { useId } from 'react';
import type { StaffMessage } from '../../../src/protocol';
import { formatTime, isoOf } from '../../shared/format-time';
import { useConsole } from '../../store/store-context';
import { Composer } from '../chat-pane/composer';

const NO_MESSAGES: readonly StaffMessage[] = [];
const NONE: readonly never[] = [];

/** A staff-to-staff chat with a colleague, in the right panel; archived on the server. */
export function StaffChatPane() {
  const staffChat = useConsole((state) => state.staffChat);
  const chatId = staffChat?.chat?.id;
  const messages = useConsole((state) => (chatId ? state.staffMessages[chatId] : undefined) ?? NO_MESSAGES);
  const pending = useConsole((state) => (chatId ? state.staffPending[chatId] : undefined) ?? NONE);
  const refused = useConsole((state) => (chatId ? state.staffRefused[chatId] : undefined) ?? NONE);
  const me = useConsole((state) => state.operator?.id);
  const send = useConsole((state) => state.sendStaffMessage);
  const headingId = useId();
  if (!staffChat) return null;

  return (
    <section className="chat-pane staff-chat" aria-labelledby={headingId} data-staff-chat-id={chatId}>
      <header className="chat-pane-header">
        <div>
          <h2 id={headingId}>Staff chat with {staffChat.name}</h2>
          <p className="chat-pane-status">Staff chats are archived: you both see this history later.</p>
        </div>
      </header>
      {staffChat.error ? <p role="alert">{staffChat.error}</p> : null}
      <div className="message-log" role="log" aria-label="Messages" aria-live="polite" tabIndex={0}>
        <ol className="messages">
          {messages.map((message) => (
            <li
              key={message.seq}
              className={`message ${message.authorId === me ? 'message-operator' : 'message-patron'}`}
              data-seq={message.seq}
            >
              <p className="message-meta">
                <span className="message-author">{message.authorName}</span>{' '}
                <time dateTime={isoOf(message.createdAt)}>{formatTime(message.createdAt)}</time>
              </p>
              <p className="message-body">{message.body}</p>
            </li>
          ))}
          {pending.map((message) => (
            <li key={message.id} className="message message-operator message-pending" data-pending="true">
              <p className="message-meta">
                <span className="message-author">You</span> <span className="message-sending">Sending...</span>
              </p>
              <p className="message-body">{message.body}</p>
            </li>
          ))}
          {refused.map((message) => (
            <li key={message.id} className="message message-operator message-refused" data-refused="true">
              <p className="message-meta">
                <span className="message-author">You</span>{' '}
                <span className="message-error">Not sent: {message.error.message}</span>
              </p>
              <p className="message-body">{message.body}</p>
            </li>
          ))}
        </ol>
      </div>
      <Composer onSend={send} disabled={!chatId} />
    </section>
  );
}
