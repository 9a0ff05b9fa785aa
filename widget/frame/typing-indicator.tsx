import { useEffect, useRef, useState } from 'react';
import { CalmLine, type CalmLineState } from '../../src/client/calm-line';
import './chat-activity.css';

/**
 * "<Librarian> is typing…" under the conversation (never what they type: the server only says
 * that they are). Present but empty while nobody types, so screen readers know the live region
 * before it first speaks; outside the message log, so it is never read as a message.
 */
export function TypingIndicator({ name }: { name: string | null }) {
  const line = useCalmLine(name ? `${name} is typing…` : '');
  return (
    <p className="typing-indicator" dir="auto" aria-live={line.live} aria-atomic="true" data-typing-indicator>
      {line.text}
    </p>
  );
}

/** The words to show and whether screen readers hear them again (src/client/calm-line.ts decides). */
function useCalmLine(text: string): CalmLineState {
  const calm = useRef<CalmLine | null>(null);
  const [line, setLine] = useState<CalmLineState>({ text: '', live: 'polite' });
  useEffect(() => {
    calm.current ??= new CalmLine();
    setLine(calm.current.next(text));
  }, [text]);
  return line;
}
