import { useEffect, useRef, useState } from 'react';
import './chat-activity.css';

/**
 * After a screen reader has heard "Alice is typing…", the same words stay silent for this long:
 * a librarian who pauses and goes on typing would otherwise be announced every few seconds.
 */
export const TYPING_QUIET_MS = 30_000;

/**
 * "<Librarian> is typing…" under the conversation (never what they type: the server only says
 * that they are). Present but empty while nobody types, so screen readers know the live region
 * before it first speaks; outside the message log, so it is never read as a message.
 */
export function TypingIndicator({ name }: { name: string | null }) {
  const line = useCalmLine(name ? `${name} is typing…` : '');
  return (
    <p className="typing-indicator" aria-live={line.live} aria-atomic="true" data-typing-indicator>
      {line.text}
    </p>
  );
}

/**
 * The line to show and whether screen readers should hear it: new words are announced, the same
 * words again only after TYPING_QUIET_MS. Decided when the words change, so the live region's
 * politeness changes in the same update as its text.
 */
function useCalmLine(text: string): { text: string; live: 'polite' | 'off' } {
  const [line, setLine] = useState<{ text: string; live: 'polite' | 'off' }>({ text: '', live: 'polite' });
  const lastSpoken = useRef<{ text: string; at: number } | null>(null);
  useEffect(() => {
    if (text === '') {
      setLine({ text: '', live: 'polite' });
      return;
    }
    const at = Date.now();
    const last = lastSpoken.current;
    const fresh = last === null || last.text !== text || at - last.at >= TYPING_QUIET_MS;
    if (fresh) lastSpoken.current = { text, at };
    setLine({ text, live: fresh ? 'polite' : 'off' });
  }, [text]);
  return line;
}
