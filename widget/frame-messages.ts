/**
 * The postMessage protocol between the loader (on the library's page) and the
 * chat frame (on the Deskbell server). Both sides check the sender's window
 * and origin before reading a message, then check its shape with these guards:
 * anything else on the page may post messages too.
 */

/** Marks Deskbell's messages among whatever else a host page posts. */
export const MESSAGE_TAG = 'deskbell-widget';

/** Frame -> loader, before tagging. */
export type FrameToLoaderBody =
  | { type: 'ready' }
  /** The patron pressed Escape or the panel's minimise button. */
  | { type: 'close' }
  /** Librarian messages that arrived while the panel was closed (0 clears the badge). */
  | { type: 'unread'; count: number }
  /** Whether a chat is under way, so the loader reloads the frame (hidden) on the next page. */
  | { type: 'chat'; active: boolean };

/** Frame -> loader. */
export type FrameToLoader = FrameToLoaderBody & { tag: typeof MESSAGE_TAG };

/** Loader -> frame. */
export interface LoaderToFrame {
  tag: typeof MESSAGE_TAG;
  type: 'panel';
  open: boolean;
  /** True when the patron opened the panel just now, so the frame should take focus. */
  focus: boolean;
}

function tagged(data: unknown): data is { tag: string; type: unknown } {
  return typeof data === 'object' && data !== null && (data as { tag?: unknown }).tag === MESSAGE_TAG;
}

export function isFrameToLoader(data: unknown): data is FrameToLoader {
  if (!tagged(data)) return false;
  if (data.type === 'ready' || data.type === 'close') return true;
  if (data.type === 'chat') return typeof (data as { active?: unknown }).active === 'boolean';
  if (data.type !== 'unread') return false;
  const count = (data as { count?: unknown }).count;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 && count < 10_000;
}

export function isLoaderToFrame(data: unknown): data is LoaderToFrame {
  if (!tagged(data) || data.type !== 'panel') return false;
  const { open, focus } = data as { open?: unknown; focus?: unknown };
  return typeof open === 'boolean' && typeof focus === 'boolean';
}
