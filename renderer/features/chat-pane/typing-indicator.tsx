import { useEffect, useRef, useState } from 'react';
import { typistsOf } from '../../store/activity-slice';
import { useConsole } from '../../store/store-context';
import './chat-activity.css';

/** While someone types, the line looks again this often, so a typist whose "stopped" was lost disappears. */
const RECHECK_MS = 1000;

/**
 * After a screen reader has heard "Pat is typing…", the same words stay silent for this long: a patron
 * who pauses and goes on typing would otherwise be announced every few seconds.
 */
export const TYPING_QUIET_MS = 30_000;

/**
 * "<Name> is typing…" under a chat's messages: the patron, or a colleague in a group chat (never
 * what they type; the server only relays that someone is). Present but empty while nobody types,
 * so screen readers know the live region before it first speaks.
 */
export function TypingIndicator({ chatId }: { chatId: string }) {
  const me = useConsole((state) => state.operator?.id ?? null);
  const typing = useConsole((state) => state.typing);
  const [now, setNow] = useState(() => Date.now());
  // My own other windows hear my typing too; only the others matter here.
  const typists = typistsOf(typing, chatId, now).filter((entry) => entry.key !== me);
  const anyone = typists.length > 0;

  useEffect(() => {
    if (!anyone) return;
    const timer = window.setInterval(() => setNow(Date.now()), RECHECK_MS);
    return () => window.clearInterval(timer);
  }, [anyone]);

  const line = useCalmLine(typingText(typists.map((entry) => entry.name)));
  return (
    <p className="typing-indicator" aria-live={line.live} aria-atomic="true" data-typing-indicator>
      {line.text}
    </p>
  );
}

/** "Pat is typing…", "Pat and Bob are typing…", "Pat, Bob and Sam are typing…"; empty for nobody. */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

/**
 * The line to show and whether screen readers should hear it: new words are announced, the same
 * words again only after TYPING_QUIET_MS. Decided when the words change, before they reach the page,
 * so the live region's politeness is set in the same update as its text.
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
