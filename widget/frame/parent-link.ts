import { useEffect, useState } from 'react';
import { MESSAGE_TAG, isLoaderToFrame, type FrameToLoader, type FrameToLoaderBody } from '../frame-messages';

/** True when the frame runs inside the loader's panel (not opened on its own). */
export const embedded = window.parent !== window;

/** Tells the loader something; the target is the host page's origin when the frame knows it. */
export function tellLoader(message: FrameToLoaderBody, parentOrigin: string | null): void {
  if (!embedded) return;
  // Only panel state travels this way (close, a count), so '*' leaks nothing when the origin is unknown.
  const tagged: FrameToLoader = { tag: MESSAGE_TAG, ...message };
  window.parent.postMessage(tagged, parentOrigin ?? '*');
}

export interface PanelState {
  open: boolean;
  /** Bumped each time the patron opens the panel, so the frame can move focus in. */
  focusRequests: number;
}

/**
 * Follows the loader's panel: open or closed, and when to take focus. Only
 * messages from the parent window, from the host page's origin, count.
 */
export function usePanel(parentOrigin: string | null): PanelState {
  // Embedded, the panel counts as closed until the loader says otherwise (it may have loaded the frame hidden).
  const [panel, setPanel] = useState<PanelState>({ open: !embedded, focusRequests: 0 });
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || (parentOrigin !== null && event.origin !== parentOrigin)) return;
      const data: unknown = event.data;
      if (!isLoaderToFrame(data)) return;
      setPanel((previous) => ({
        open: data.open,
        focusRequests: previous.focusRequests + (data.open && data.focus ? 1 : 0),
      }));
    };
    window.addEventListener('message', onMessage);
    tellLoader({ type: 'ready' }, parentOrigin);
    return () => window.removeEventListener('message', onMessage);
  }, [parentOrigin]);
  return panel;
}
