import { useEffect, useRef } from 'react';
import type { FindInChat } from './find-in-chat';
import './message-list.css';

/**
 * The console's own find box, in the chat pane's header. The message list
 * renders only the rows on screen, so the browser's find-in-page would miss
 * the rest of the chat: this one searches every message, and Ctrl+F (Cmd+F)
 * comes here while a chat is open. Enter goes to the next match, Shift+Enter
 * to the previous one, Escape clears the search.
 */
export function FindBox({ find, onOpen }: { find: FindInChat; onOpen?: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const field = input.current;
      if (!field || !(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'f') return;
      // Not while the workspace is hidden behind Settings or Canned messages.
      if (field.closest('[hidden]')) return;
      event.preventDefault();
      onOpen?.();
      field.focus();
      field.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onOpen]);

  const searching = find.query.trim() !== '';
  return (
    <div className="find-box" role="search" aria-label="Find in this chat">
      <input
        ref={input}
        type="search"
        aria-label="Find in chat"
        placeholder="Find in chat"
        value={find.query}
        onFocus={onOpen}
        onChange={(event) => find.setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            if (event.shiftKey) find.previous();
            else find.next();
          } else if (event.key === 'Escape' && searching) {
            event.preventDefault();
            find.setQuery('');
          }
        }}
      />
      <span className="find-count" role="status" data-find-count="">
        {find.count}
      </span>
      {searching ? (
        <>
          <button
            type="button"
            className="small"
            aria-label="Previous match"
            disabled={!find.highlight}
            onClick={find.previous}
          >
            ↑
          </button>
          <button
            type="button"
            className="small"
            aria-label="Next match"
            disabled={!find.highlight}
            onClick={find.next}
          >
            ↓
          </button>
        </>
      ) : null}
    </div>
  );
}
