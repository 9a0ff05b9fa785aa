import { useEffect, useRef } from 'react';
import { refusedNote, sendingNote } from '../../../src/client/send-status';
import type { AckError } from '../../../src/protocol';
import { formatTime, isoOf } from '../../shared/format-time';

/** What the list shows of a stored message: patron-chat and staff-chat messages both fit. */
export interface ListedMessage {
  seq: number;
  authorName: string;
  createdAt: number;
  body: string;
}

/** Patron chats: patrons on the left, staff on the right, Deskbell's own lines in the middle. */
export function sideByAuthorKind(message: { authorKind: string }): string {
  return `message-${message.authorKind}`;
}

interface MessageListProps<M extends ListedMessage> {
  messages: readonly M[];
  /** The CSS side of a message ("message-operator" on the right, "message-patron" on the left, ...). */
  sideOf: (message: M) => string;
  /** Messages on their way; `retrying` when a try failed in a way that passes and the outbox sends it again. */
  pending?: readonly { id: string; body: string; retrying?: AckError }[];
  /** Messages the server refused for good. */
  refused?: readonly { id: string; body: string; error: AckError }[];
  onDismissRefused?: (messageId: string) => void;
  /** False while the console has no connection: pending ones wait for it rather than being tried. */
  connected?: boolean;
  /** The name of the log for assistive technology, e.g. "Messages". */
  label: string;
  /** Keep the newest message in view as messages arrive (a live chat); a transcript reads from the top. */
  followNewest?: boolean;
}

/**
 * A chat's messages with author and time. It is a `log` live region: screen
 * readers announce new messages as they arrive. Pending ones say "Sending...",
 * and why it takes longer while they are being tried again ("the server is
 * busy"); refused ones say "Not sent" and why.
 */
export function MessageList<M extends ListedMessage>({
  messages,
  sideOf,
  pending = [],
  refused = [],
  onDismissRefused,
  connected = true,
  label,
  followNewest = true,
}: MessageListProps<M>) {
  const end = useRef<HTMLLIElement>(null);
  const count = messages.length + pending.length + refused.length;
  useEffect(() => {
    // jsdom has no scrollIntoView.
    if (followNewest) end.current?.scrollIntoView?.({ block: 'end' });
  }, [count, followNewest]);

  return (
    // The log wraps the list (a list may not carry role="log" itself); it takes focus so keyboards can scroll it.
    <div className="message-log" role="log" aria-label={label} aria-live="polite" tabIndex={0}>
      <ol className="messages">
        {messages.map((message) => (
          <li key={message.seq} className={`message ${sideOf(message)}`} data-seq={message.seq}>
            <p className="message-meta">
              <span className="message-author">{message.authorName}</span>{' '}
              <time dateTime={isoOf(message.createdAt)}>{formatTime(message.createdAt)}</time>
            </p>
            <p className="message-body">{message.body}</p>
          </li>
        ))}
        {pending.map((message) => (
          <li
            key={message.id}
            className="message message-operator message-pending"
            data-pending="true"
            data-retrying={message.retrying ? 'true' : undefined}
          >
            <p className="message-meta">
              <span className="message-author">You</span>{' '}
              <span className="message-sending">{sendingNote(message.retrying, connected)}</span>
            </p>
            <p className="message-body">{message.body}</p>
          </li>
        ))}
        {refused.map((message) => (
          <li key={message.id} className="message message-operator message-refused" data-refused="true">
            <p className="message-meta">
              <span className="message-author">You</span>{' '}
              <span className="message-error">{refusedNote(message.error)}</span>
            </p>
            <p className="message-body">{message.body}</p>
            {onDismissRefused ? (
              <button type="button" className="small" onClick={() => onDismissRefused(message.id)}>
                Dismiss
              </button>
            ) : null}
          </li>
        ))}
        <li ref={end} className="messages-end" aria-hidden="true" />
      </ol>
    </div>
  );
}
