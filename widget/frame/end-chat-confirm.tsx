import { useEffect, useRef, type KeyboardEvent } from 'react';

interface Props {
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before the patron ends the chat, since they cannot take it back. */
export function EndChatConfirm({ busy, error, onConfirm, onCancel }: Props) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation(); // Escape here closes the question, not the whole panel
    onCancel();
  };

  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-labelledby="end-chat-title"
      aria-describedby="end-chat-text"
      onKeyDown={onKeyDown}
    >
      <h2 id="end-chat-title">End this chat?</h2>
      <p id="end-chat-text">The librarian will see that you left. You can start a new chat afterwards.</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Ending...' : 'Yes, end chat'}
        </button>
        <button type="button" ref={keep} onClick={onCancel}>
          Keep chatting
        </button>
      </div>
    </div>
  );
}
