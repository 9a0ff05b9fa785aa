/**
 * `/shortcut` in the message box: where one is being typed, and the draft
 * once a canned message's body takes its place. Pure, so the composer stays
 * about keys and focus.
 */

/** A `/shortcut` being typed: the `/` at `start`, the letters after it up to the caret. */
export interface ShortcutToken {
  start: number;
  end: number;
  /** What follows the `/` (without it). */
  typed: string;
}

// What the server accepts in a shortcut (cannedSaveRequestSchema), so every saved one can be typed.
const SHORTCUT_AT_CARET = /(^|\s)\/([A-Za-z0-9_-]+)$/;

/**
 * The `/shortcut` that ends at the caret, when it starts the box or follows
 * whitespace ("and/or" or a URL never opens the list) and has at least one
 * character after the `/`.
 */
export function shortcutAtCaret(text: string, caret: number): ShortcutToken | null {
  const before = text.slice(0, caret);
  const match = SHORTCUT_AT_CARET.exec(before);
  if (!match) return null;
  const typed = match[2] ?? '';
  const start = caret - typed.length - 1;
  return { start, end: caret, typed };
}

/** The draft with `[start, end)` replaced by `body`, and where the caret goes: right after the body. */
export function insertAt(
  text: string,
  range: { start: number; end: number },
  body: string,
): { text: string; caret: number } {
  return { text: text.slice(0, range.start) + body + text.slice(range.end), caret: range.start + body.length };
}

/** The first words of a body, for a suggestion row (the whole body can be long). */
export function firstWords(body: string, maxLength = 60): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * The picker's filter box: a shortcut that starts with the words (typed with
 * or without its `/`), or a body that contains them; everything when empty.
 */
export function cannedFiltered<T extends { shortcut: string; body: string }>(list: readonly T[], query: string): T[] {
  const words = query.trim().replace(/^\//, '').toLowerCase();
  if (words === '') return [...list];
  return list.filter(
    (item) => item.shortcut.toLowerCase().startsWith(words) || item.body.toLowerCase().includes(words),
  );
}
