import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { TypingSignal } from '../../../src/client/typing-signal';
import { LIMITS } from '../../../src/protocol';

interface ComposerProps {
  onSend: (body: string) => void;
  disabled: boolean;
  /** Told when this operator starts or stops typing (patron chats; staff chats have no indicator). */
  onTyping?: (typing: boolean) => void;
}

/** The reply box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, disabled, onTyping }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const id = useId();
  const typing = useTypingSignal(onTyping);

  const changeDraft = (text: string) => {
    setDraft(text);
    typing.current?.draftChanged(text);
  };
  const send = () => {
    if (draft.trim() === '' || disabled) return;
    typing.current?.stop();
    onSend(draft);
    setDraft('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Reply
      </label>
      <textarea
        id={id}
        rows={3}
        maxLength={LIMITS.messageMaxLength}
        placeholder="Type a reply and press Enter"
        value={draft}
        disabled={disabled}
        onChange={(event) => changeDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={disabled || draft.trim() === ''}>
        Send
      </button>
    </form>
  );
}

/** One TypingSignal per box and listener; it says "stopped" when the box goes away (another chat opened). */
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
