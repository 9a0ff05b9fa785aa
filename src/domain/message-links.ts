import { find } from 'linkifyjs';

/**
 * A message body cut into the text and the links people expect to click: web
 * addresses (http, https, and bare `www.`), email addresses and `mailto:`, and
 * DOIs (`doi:10.1000/xyz`, or a bare `10.1000/xyz`, linked to doi.org). Every
 * other part stays text: no HTML, no markdown, and no other scheme
 * (`javascript:`, `file:`, `ftp:`), so a message can never become markup.
 *
 * The console (React) and the widget (React) both render these parts as text
 * nodes and anchors; `start`/`end` index the body, so the find box's matches
 * can be laid over them.
 */
export type MessagePart =
  | { kind: 'text'; text: string; start: number; end: number }
  | { kind: 'link'; text: string; href: string; start: number; end: number };

/**
 * Finding the addresses is linkifyjs's (a kept library that already knows
 * trailing punctuation, balanced parentheses in paths and query strings); it
 * also takes bare names such as `script.py` or `readme.md` for web sites
 * (`py` and `md` are country domains), so only what was plainly written as an
 * address is kept: a scheme we allow, `www.`, or an email address.
 */
const ALLOWED_SCHEME = /^(?:https?:\/\/|mailto:)/i;

/**
 * A DOI: `10.` a registrant code, `/`, a suffix up to the next space. Not
 * inside a word or a path (`x10.1/…`, `…/10.1/…` belong to something else).
 */
const DOI = /(?<![\w/.:-])(?:doi:\s?)?(10\.\d{4,9}\/[^\s"<>]+)/giu;

/** Punctuation that ends a sentence rather than the DOI it follows. */
const DOI_TRAILING = /[.,;:!?'"\u2019\u201d]+$/u;

export function messageParts(body: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let from = 0;
  const pushText = (end: number) => {
    if (end > from) pushTextWithDois(parts, body, from, end);
  };
  for (const found of find(body)) {
    const value = withoutMarkupTail(found.value);
    const href = allowedHref(
      found.type,
      value,
      found.href.slice(0, found.href.length - (found.value.length - value.length)),
    );
    if (href === null || found.start < from) continue;
    pushText(found.start);
    parts.push({ kind: 'link', text: value, href, start: found.start, end: found.start + value.length });
    from = found.start + value.length;
  }
  pushText(body.length);
  return parts;
}

/**
 * `"`, `<` and `>` may not appear in an address (RFC 3986), and people read
 * them as its end: `<a href="https://x.org">` names https://x.org. linkifyjs
 * keeps them, so the address is cut there (and the sentence's punctuation
 * before the cut goes too).
 */
function withoutMarkupTail(value: string): string {
  const cut = value.search(/["<>]/);
  return cut === -1 ? value : value.slice(0, cut).replace(/[.,;:!?']+$/, '');
}

/** Where a found address may lead, or null when it stays text. */
function allowedHref(type: string, value: string, href: string): string | null {
  if (type === 'email') return ALLOWED_SCHEME.test(href) ? href : null;
  if (type !== 'url') return null;
  if (ALLOWED_SCHEME.test(value)) return href;
  // Written as www.…, meant as a web site; today's sites answer on https.
  if (/^www\./i.test(value)) return `https://${value}`;
  return null;
}

function pushTextWithDois(parts: MessagePart[], body: string, start: number, end: number): void {
  const text = body.slice(start, end);
  let from = 0;
  for (const match of text.matchAll(DOI)) {
    const doi = trimDoi(match[1] as string);
    const at = match.index;
    const length = match[0].length - ((match[1] as string).length - doi.length);
    if (at > from) parts.push({ kind: 'text', text: text.slice(from, at), start: start + from, end: start + at });
    parts.push({
      kind: 'link',
      text: text.slice(at, at + length),
      href: `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`,
      start: start + at,
      end: start + at + length,
    });
    from = at + length;
  }
  if (from < text.length) parts.push({ kind: 'text', text: text.slice(from), start: start + from, end });
}

/** A DOI without the sentence's closing punctuation or an unbalanced closing bracket. */
function trimDoi(doi: string): string {
  let trimmed = doi.replace(DOI_TRAILING, '');
  for (;;) {
    const last = trimmed.at(-1);
    const opener = last === ')' ? '(' : last === ']' ? '[' : null;
    if (!opener || count(trimmed, opener) >= count(trimmed, last as string)) return trimmed;
    trimmed = trimmed.slice(0, -1).replace(DOI_TRAILING, '');
  }
}

const count = (text: string, char: string): number => text.split(char).length - 1;
