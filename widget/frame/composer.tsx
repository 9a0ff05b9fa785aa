import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { TypingSignal } from '../../src/client/typing-signal';
import { LIMITS } from '../../src/protocol/limits';

interface Props {
  onSend: (body: string) => void;
  /** Told when the patron starts or stops typing (a few signals, never the text). */
  onTyping?: (typing: boolean) => void;
}

/** Where the patron writes; Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, onTyping }: Props) {
  const [body, setBody] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useTypingSignal(onTyping);

  const change = (text: string) => {
    setBody(text);
    typing.current?.draftChanged(text);
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (body.trim() === '') return;
    typing.current?.stop();
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
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary">
        Send
      </button>
    </form>
  );
}

/** One TypingSignal per box and listener; it says "stopped" when the box goes away (the chat ended). */
function useTypingSignal(onTyping: ((typing: boolean) => void) | undefined) {
  const signal = useRef<TypingSignal | null>(null);
  useEffect(() => {
    if (!onTyping) return;
    const current = new TypingSignal({ send: onTyping });
    signal.current = current;
    return () => {
      current.stop();
      if (signal.current === current) signal.current = null;
    };
  }, [onTyping]);
  return signal;
}
