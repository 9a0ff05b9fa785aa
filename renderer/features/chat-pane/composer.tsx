import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { TypingSignal } from '../../../src/client/typing-signal';
import { lengthCounter } from '../../../src/domain/length-counter';
import { LIMITS, type CannedMessage } from '../../../src/protocol';
import { cannedMatching } from '../../store/canned-slice';
import { CannedListbox, cannedOptionId } from '../canned/canned-listbox';
import { CannedPicker } from '../canned/canned-picker';
import { insertAt, shortcutAtCaret } from '../canned/canned-shortcut';
import { useCannedMessages } from '../canned/use-canned';
import '../canned/canned.css';

interface ComposerProps {
  onSend: (body: string) => void;
  disabled: boolean;
  /** Told when this operator starts or stops typing (patron chats; staff chats have no indicator). */
  onTyping?: (typing: boolean) => void;
  /** A request (see the store's replyFocus) to take the keyboard focus: after Claim Chat, after Accept. */
  focusTicket?: number;
  /** Told once the box has taken the focus for `focusTicket`. */
  onFocused?: (ticket: number) => void;
}

/**
 * The reply box: Enter sends, Shift+Enter starts a new line. `/` and a
 * shortcut (at the start or after a space) lists the matching canned messages:
 * arrows move, Enter or Tab puts the body in place of `/shortcut`, Escape
 * closes the list. The "Canned messages" button next to Send opens the same
 * list with a filter box. Patron and staff chats alike: an answer worth
 * keeping is worth reusing with a colleague too.
 */
export function Composer({ onSend, disabled, onTyping, focusTicket, onFocused }: ComposerProps) {
  const [draft, setDraft] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  // Escape closes the list for the `/` at this position until that shortcut is gone.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const id = useId();
  const listId = useId();
  const countId = useId();
  // No maxLength on the box: it would cut a long paste silently. Past the limit Send waits, and says why.
  const counter = lengthCounter(draft.length, LIMITS.messageMaxLength);
  const tooLong = counter.band === 'over';
  const box = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once React has put a new draft in the box (after an insertion).
  const caretAfterRender = useRef<number | null>(null);
  // The reply's last selection, for the picker: focus is in its filter box when the choice is made.
  const selection = useRef({ start: 0, end: 0 });
  const typing = useTypingSignal(onTyping);
  const { canned, ensureLoaded, departmentName } = useCannedMessages();

  const token = disabled ? null : shortcutAtCaret(draft, caret);
  const suggestions = token && canned ? cannedMatching(canned, token.typed) : [];
  const listOpen = token !== null && dismissedAt !== token.start && suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);
  const activeItem = listOpen ? suggestions[activeIndex] : undefined;

  // The first `/shortcut` typed is when the list is first needed.
  const typingShortcut = token !== null;
  useEffect(() => {
    if (typingShortcut) ensureLoaded();
  }, [typingShortcut, ensureLoaded]);

  // On mount too: the box appears with the claim, and the request may already be waiting for it.
  useEffect(() => {
    if (focusTicket === undefined || !box.current) return;
    box.current.focus();
    onFocused?.(focusTicket);
  }, [focusTicket, onFocused]);

  useLayoutEffect(() => {
    const at = caretAfterRender.current;
    if (at === null || !box.current) return;
    caretAfterRender.current = null;
    box.current.focus();
    box.current.setSelectionRange(at, at);
  });

  const rememberCaret = (target: HTMLTextAreaElement) => {
    selection.current = { start: target.selectionStart, end: target.selectionEnd };
    setCaret(target.selectionStart);
  };
  const changeDraft = (text: string) => {
    setDraft(text);
    typing.current?.draftChanged(text);
  };
  const putIn = (range: { start: number; end: number }, body: string) => {
    const next = insertAt(draft, range, body);
    changeDraft(next.text);
    setCaret(next.caret);
    selection.current = { start: next.caret, end: next.caret };
    caretAfterRender.current = next.caret;
    // A body that itself ends in `/word` must not open the list again at once.
    setDismissedAt(shortcutAtCaret(next.text, next.caret)?.start ?? null);
    setActive(0);
  };
  const insertShortcut = (chosen: CannedMessage) => {
    if (token) putIn(token, chosen.body);
  };
  const insertPicked = (chosen: CannedMessage) => {
    const { start, end } = selection.current;
    putIn({ start: Math.min(start, draft.length), end: Math.min(end, draft.length) }, chosen.body);
  };

  const send = () => {
    if (draft.trim() === '' || disabled || tooLong) return;
    typing.current?.stop();
    onSend(draft);
    setDraft('');
    setCaret(0);
    setDismissedAt(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (listOpen && activeItem && !event.nativeEvent.isComposing) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + suggestions.length) % suggestions.length);
        return;
      }
      // While the list is open, Enter chooses: it never sends "/hou" to a patron.
      if ((event.key === 'Enter' && !event.shiftKey) || (event.key === 'Tab' && !event.shiftKey)) {
        event.preventDefault();
        insertShortcut(activeItem);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(token.start);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <div className="composer-anchor">
      {listOpen ? (
        <div className="canned-suggestions">
          <CannedListbox
            id={listId}
            items={suggestions}
            activeIndex={activeIndex}
            departmentName={departmentName}
            onPick={insertShortcut}
            onHover={setActive}
          />
        </div>
      ) : null}
      {/* Says the list opened: a textbox cannot carry aria-expanded, so the news is spoken instead. */}
      <div className="visually-hidden" aria-live="polite">
        {listOpen
          ? `${suggestions.length === 1 ? 'One canned message matches' : `${suggestions.length} canned messages match`}: up and down to choose, Enter or Tab to insert, Escape to close.`
          : ''}
      </div>
      {/* Spoken only when a threshold is crossed (near, at, over the limit), not on every keystroke. */}
      <div className="visually-hidden" aria-live="polite" data-length-announcement>
        {counter.announcement}
      </div>
      <form className="composer" onSubmit={submit}>
        <label htmlFor={id} className="visually-hidden">
          Reply
        </label>
        <textarea
          ref={box}
          id={id}
          rows={3}
          dir="auto"
          placeholder="Type a reply and press Enter; / and a shortcut for a canned message"
          value={draft}
          disabled={disabled}
          // The combobox pattern's wiring on the reply box itself; it stays a textbox ("Reply").
          aria-describedby={counter.count ? countId : undefined}
          aria-invalid={tooLong || undefined}
          aria-autocomplete="list"
          aria-controls={listOpen ? listId : undefined}
          aria-activedescendant={activeItem ? cannedOptionId(listId, activeItem) : undefined}
          onChange={(event) => {
            const { value, selectionStart } = event.target;
            changeDraft(value);
            rememberCaret(event.target);
            setActive(0);
            // A dismissed list stays closed only while its own `/shortcut` is still being typed.
            if (shortcutAtCaret(value, selectionStart)?.start !== dismissedAt) setDismissedAt(null);
          }}
          onSelect={(event) => rememberCaret(event.currentTarget)}
          onKeyDown={onKeyDown}
        />
        {counter.count ? (
          <p id={countId} className={`composer-count composer-count-${counter.band}`} data-length-count>
            <span>{counter.count}</span>
            {counter.problem ? <span className="composer-count-problem"> · {counter.problem}</span> : null}
          </p>
        ) : null}
        <div className="composer-actions">
          <CannedPicker disabled={disabled} onInsert={insertPicked} />
          <button type="submit" className="primary" disabled={disabled || draft.trim() === '' || tooLong}>
            Send
          </button>
        </div>
      </form>
    </div>
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
