import { useEffect, useRef, useState } from 'react';
import { typistsOf } from '../../store/activity-slice';
import { useConsole } from '../../store/store-context';
import { CalmLine, type CalmLineState } from '../../../src/client/calm-line';
import { patronLabel } from '../../../src/domain/patron-label';
import './chat-activity.css';

/** While someone types, the line looks again this often, so a typist whose "stopped" was lost disappears. */
const RECHECK_MS = 1000;

/**
 * "<Name> is typing…" under a chat's messages: the patron, or a colleague in a group chat (never
 * what they type; the server only relays that someone is). Present but empty while nobody types,
 * so screen readers know the live region before it first speaks.
 */
export function TypingIndicator({ chatId }: { chatId: string }) {
  const me = useConsole((state) => state.operator?.id ?? null);
  const typing = useConsole((state) => state.typing);
  const chat = useConsole((state) => state.chats[chatId]);
  const [now, setNow] = useState(() => Date.now());
  // My own other windows hear my typing too; only the others matter here.
  const typists = typistsOf(typing, chatId, now).filter((entry) => entry.key !== me);
  const anyone = typists.length > 0;

  useEffect(() => {
    if (!anyone) return;
    const timer = window.setInterval(() => setNow(Date.now()), RECHECK_MS);
    return () => window.clearInterval(timer);
  }, [anyone]);

  const line = useCalmLine(
    typingText(
      // An unnamed patron is called here what the rest of the console calls them.
      typists.map((entry) => (entry.authorKind === 'patron' && chat ? patronLabel(chat) : entry.name)),
    ),
  );
  return (
    <p className="typing-indicator" dir="auto" aria-live={line.live} aria-atomic="true" data-typing-indicator>
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
