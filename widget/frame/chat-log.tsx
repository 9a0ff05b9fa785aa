import { useEffect, useRef, type ReactNode } from 'react';
import type { Message } from '../../src/protocol/models';
import type { FailedSend, PendingSend } from '../../src/client/patron-connection';
import { refusedNote, sendingNote } from '../../src/client/send-status';
import { MessageText } from './message-text';
import { TypingIndicator } from './typing-indicator';

interface Props {
  /** Shown above the messages and scrolled with them (the question, the waiting notice). */
  before?: ReactNode;
  messages: readonly Message[];
  /** On their way; one being tried again says why it takes longer. */
  pending: readonly PendingSend[];
  /** Refused for good: "Not sent" and why. */
  failed: readonly FailedSend[];
  /** The name of the librarian typing right now, or null. */
  librarianTyping?: string | null;
  /** False while the connection is down: pending ones wait for it. */
  connected?: boolean;
}

/**
 * The conversation: the librarian's messages, the patron's own ("You"), and
 * system lines. It is a live region (role="log"), so a screen reader reads
 * each new message as it arrives.
 */
export function ChatLog({ before, messages, pending, failed, librarianTyping = null, connected = true }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = messages.length + pending.length + failed.length;
  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [count]);

  return (
    <>
      {/* Focusable so keyboard users can scroll back through a long chat. */}
      <div ref={scroller} className="scroller" role="region" aria-label="Conversation" tabIndex={0}>
        {before}
        <div className="log" role="log" aria-label="Chat messages">
          <ol>
            {messages.map((message) => (
              <MessageItem key={message.seq} message={message} />
            ))}
            {pending.map((send) => (
              <li key={send.id} className="msg mine pending" data-retrying={send.retrying ? 'true' : undefined}>
                <span className="who">You</span>
                <p className="body" dir="auto">
                  <MessageText body={send.body} />
                </p>
                <span className="state">{sendingNote(send.retrying, connected)}</span>
              </li>
            ))}
            {failed.map((send) => (
              <li key={send.id} className="msg mine failed">
                <span className="who">You</span>
                <p className="body" dir="auto">
                  <MessageText body={send.body} />
                </p>
                <span className="state">{refusedNote(send.error)}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
      {/* Under the conversation, always in view, and outside the log: it is not a message. */}
      <TypingIndicator name={librarianTyping} />
    </>
  );
}

function MessageItem({ message }: { message: Message }) {
  if (message.authorKind === 'system') {
    return (
      <li className="msg system">
        <p className="body" dir="auto">
          <MessageText body={message.body} />
        </p>
      </li>
    );
  }
  const mine = message.authorKind === 'patron';
  return (
    <li className={mine ? 'msg mine' : 'msg theirs'}>
      <bdi className="who" dir="auto">
        {mine ? 'You' : message.authorName}
      </bdi>
      <p className="body" dir="auto">
        <MessageText body={message.body} />
      </p>
    </li>
  );
}
