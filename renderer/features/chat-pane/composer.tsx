import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '../../../src/protocol';

/** The reply box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, disabled }: { onSend: (body: string) => void; disabled: boolean }) {
  const [draft, setDraft] = useState('');
  const id = useId();

  const send = () => {
    if (draft.trim() === '' || disabled) return;
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
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="primary" disabled={disabled || draft.trim() === ''}>
        Send
      </button>
    </form>
  );
}
