/** What the loader put in the frame's address (see loader-params.ts). */
export interface FrameParams {
  department: string | null;
  pageUrl: string | null;
  referrer: string | null;
  /** The host page's origin: the only parent whose messages the frame accepts. */
  parentOrigin: string | null;
  /** Shown as the Administration page's preview (`preview=1`): no panel around it to close. */
  preview: boolean;
}

export function readFrameParams(search: string): FrameParams {
  const query = new URLSearchParams(search);
  const text = (name: string) => query.get(name)?.trim() || null;
  const pageUrl = text('page');
  return {
    department: text('department'),
    pageUrl,
    referrer: text('referrer'),
    parentOrigin: originOf(pageUrl),
    preview: query.get('preview') === '1',
  };
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
