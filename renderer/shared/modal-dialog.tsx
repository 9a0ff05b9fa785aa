import { type KeyboardEvent, type ReactNode, type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

/**
 * A modal dialog of the console (the Analytics entry, Add Participants with its
 * briefing, and any later one such as the hand-back). It is the browser's own
 * `<dialog>` opened with `showModal()`: the page behind it is inert, so Tab
 * stays inside, and Escape closes it. Only Tab past the last control is
 * ours: the browser would move on to its own address bar, so it comes round
 * to the first control (Shift+Tab likewise), as a trapped dialog should.
 *
 * Render it only while it is open (mounting opens it, unmounting closes it).
 *
 * Props:
 * - `labelledBy`: the id of the dialog's title (its accessible name).
 * - `describedBy` (optional): the id of a line that says what it is for.
 * - `onClose`: Escape (the browser's `cancel`) asks to close; the owner
 *   unmounts the dialog (or keeps it, e.g. while saving).
 * - `initialFocus` (optional): what takes the focus on opening; otherwise the
 *   browser's choice (the first focusable element, or one with `autoFocus`).
 * - `returnFocus` (optional): where the focus goes on closing when the
 *   element that had it when the dialog opened has gone meanwhile (End Chat
 *   becomes Enter analytics); by default that element gets it back.
 * - `className`, `children`: the dialog's own look and content.
 * - `role` (optional): `alertdialog` for a question that needs an answer.
 */
export interface ModalDialogProps {
  labelledBy: string;
  describedBy?: string;
  onClose: () => void;
  initialFocus?: RefObject<HTMLElement | null>;
  returnFocus?: () => HTMLElement | null | undefined;
  className?: string;
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}

export function ModalDialog({
  labelledBy,
  describedBy,
  onClose,
  initialFocus,
  returnFocus,
  className,
  role,
  children,
}: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The latest callbacks, read when the dialog closes (it opens and closes once per mount).
  const latest = useRef({ onClose, returnFocus });
  useLayoutEffect(() => {
    latest.current = { onClose, returnFocus };
  });

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const focused = document.activeElement;
    const opener = focused instanceof HTMLElement && focused !== document.body ? focused : null;
    // jsdom (the unit tests) has no showModal; there the dialog is only shown.
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
    initialFocus?.current?.focus();
    const cancel = (event: Event) => {
      // Escape: the owner decides (it unmounts the dialog), so the browser does not close it behind React's back.
      event.preventDefault();
      latest.current.onClose();
    };
    element.addEventListener('cancel', cancel);
    return () => {
      element.removeEventListener('cancel', cancel);
      if (element.open && typeof element.close === 'function') element.close();
      const back = opener?.isConnected ? opener : latest.current.returnFocus?.();
      back?.focus();
    };
    // Opened once per mount: a new initialFocus ref does not reopen it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog
      ref={dialog}
      className={className}
      role={role}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      // The browser closes a modal dialog on Escape through `cancel`; a key handler also covers jsdom.
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          latest.current.onClose();
        }
        if (event.key === 'Tab' && dialog.current) wrapTab(dialog.current, event);
      }}
    >
      {children}
    </dialog>
  );
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** Tab on the last control goes to the first, Shift+Tab on the first to the last. */
function wrapTab(dialog: HTMLDialogElement, event: KeyboardEvent<HTMLDialogElement>): void {
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.matches(':disabled') && element.getClientRects().length > 0,
  );
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey ? active === first || active === dialog : active === last) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  }
}
