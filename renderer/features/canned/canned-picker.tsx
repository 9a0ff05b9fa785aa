import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import type { CannedMessage } from '../../../src/protocol';
import { CannedListbox, cannedOptionId } from './canned-listbox';
import { cannedFiltered } from './canned-shortcut';
import { useCannedMessages } from './use-canned';
import './canned.css';

interface CannedPickerProps {
  disabled: boolean;
  /** The chosen one; the composer puts its body where the reply's caret was. */
  onInsert: (canned: CannedMessage) => void;
}

/**
 * The "Canned messages" button next to Send: a small panel with a filter box
 * (a combobox) over the list, for those who do not remember the shortcut.
 */
export function CannedPicker({ disabled, onInsert }: CannedPickerProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={disabled}
        onClick={() => setOpen((was) => !was)}
      >
        Canned messages
      </button>
      {open ? (
        <PickerPanel
          id={panelId}
          button={button}
          onClose={(returnFocus) => {
            setOpen(false);
            if (returnFocus) button.current?.focus();
          }}
          onInsert={(canned) => {
            setOpen(false);
            onInsert(canned);
          }}
        />
      ) : null}
    </>
  );
}

interface PickerPanelProps {
  id: string;
  button: RefObject<HTMLButtonElement | null>;
  onClose: (returnFocus: boolean) => void;
  onInsert: (canned: CannedMessage) => void;
}

function PickerPanel({ id, button, onClose, onInsert }: PickerPanelProps) {
  const { canned, error, reload, departmentName } = useCannedMessages();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const filterId = useId();
  const listId = useId();
  const items = cannedFiltered(canned ?? [], query);
  const activeIndex = Math.min(active, items.length - 1);
  const activeItem = items[activeIndex];

  // Each opening asks afresh: an admin may have shared a new one since the list was loaded.
  useEffect(() => {
    void reload();
  }, [reload]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (items.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      // Never the composer's form: Enter here chooses, it does not send.
      event.preventDefault();
      if (activeItem) onInsert(activeItem);
    }
  };
  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(true);
    }
  };
  // Clicking elsewhere closes it; the button toggles it itself.
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    const next = event.relatedTarget;
    if (next && (event.currentTarget.contains(next) || next === button.current)) return;
    onClose(false);
  };

  return (
    <div
      id={id}
      role="dialog"
      aria-label="Canned messages"
      className="canned-picker"
      onKeyDown={onPanelKeyDown}
      onBlur={onBlur}
    >
      <label htmlFor={filterId}>Filter canned messages</label>
      <input
        id={filterId}
        type="text"
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeItem ? cannedOptionId(listId, activeItem) : undefined}
        autoComplete="off"
        spellCheck={false}
        // The panel is opened on purpose, to type in it.
        autoFocus
        value={query}
        placeholder="Shortcut or words"
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {canned === null ? (
        error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="canned-picker-note">Loading canned messages…</p>
        )
      ) : items.length === 0 ? (
        <p className="canned-picker-note">
          {canned.length === 0
            ? 'No canned messages yet: add yours on the Canned messages page.'
            : 'No canned message matches.'}
        </p>
      ) : null}
      {/* Always in the page while open: the filter box's aria-controls points at it. */}
      <CannedListbox
        id={listId}
        items={items}
        activeIndex={activeIndex}
        departmentName={departmentName}
        onPick={onInsert}
        onHover={setActive}
      />
    </div>
  );
}
