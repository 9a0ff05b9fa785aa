import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { TypingSignal } from '../../src/client/typing-signal';
import { lengthCounter } from '../../src/domain/length-counter';
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
  const countId = useId();
  // No maxLength on the box: it would cut a long paste silently. Past the limit Send waits, and says why.
  const counter = lengthCounter(body.length, LIMITS.messageMaxLength);
  const tooLong = counter.band === 'over';

  const change = (text: string) => {
    setBody(text);
    typing.current?.draftChanged(text);
  };

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    if (body.trim() === '' || tooLong) return;
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
        dir="auto"
        aria-describedby={counter.count ? countId : undefined}
        aria-invalid={tooLong || undefined}
        value={body}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={tooLong}>
        Send
      </button>
      {counter.count ? (
        <p id={countId} className={`composer-count composer-count-${counter.band}`} data-length-count>
          <span>{counter.count}</span>
          {counter.problem ? <span> · {counter.problem}</span> : null}
        </p>
      ) : null}
      {/* Spoken only when a threshold is crossed (near, at, over the limit), not on every keystroke. */}
      <div className="sr-only" aria-live="polite" data-length-announcement>
        {counter.announcement}
      </div>
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
