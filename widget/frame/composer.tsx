import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../src/protocol/limits';

/** Where the patron writes; Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend }: { onSend: (body: string) => void }) {
  const [body, setBody] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (body.trim() === '') return;
    onSend(body);
    setBody('');
    input.current?.focus(); // after a click on Send, the patron keeps typing
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Not while an input method is composing (Japanese, Chinese, ...): Enter confirms the word there.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) send(event);
  };

  return (
    <form className="composer" onSubmit={send} aria-label="Send a message">
      <label htmlFor="composer-input" className="sr-only">
        Your message
      </label>
      <textarea
        id="composer-input"
        ref={input}
        data-autofocus
        rows={2}
        placeholder="Type your message"
        maxLength={LIMITS.messageMaxLength}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary">
        Send
      </button>
    </form>
  );
}
