import type { ScreenshareAttach } from '../../src/protocol/screenshare';
import { readWindowLink } from '../screenshare-link';

const STORAGE_KEY = 'deskbell:screenshare-window';

/**
 * The session and key this window was opened for. They arrive in the
 * fragment, which is then removed from the address (history.replaceState), so
 * the key is left neither in the history nor on screen; the tab's
 * sessionStorage keeps them, so a reload of this window joins again.
 */
export function takeWindowLink(): ScreenshareAttach | null {
  const fromHash = readWindowLink(location.hash);
  if (location.hash !== '') history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (fromHash) {
    remember(fromHash);
    return fromHash;
  }
  return remembered();
}

function remember(link: ScreenshareAttach): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(link));
  } catch {
    // Storage refused (a private mode): a reload then cannot join again, nothing else changes.
  }
}

function remembered(): ScreenshareAttach | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as { sessionId?: unknown; windowKey?: unknown };
    const params = new URLSearchParams({
      session: String(stored.sessionId ?? ''),
      key: String(stored.windowKey ?? ''),
    });
    return readWindowLink(params.toString());
  } catch {
    return null;
  }
}
