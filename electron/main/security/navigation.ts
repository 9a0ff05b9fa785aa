import { isAppUrl } from '../app-protocol/app-url';

/**
 * Navigation is locked to the app: a page may only go to another of the app's
 * own pages. Everything else (a link the console forgot to open externally, a
 * redirect, a dropped file) is stopped.
 */
export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/**
 * What to do when a page asks for a new window (`window.open`, a target=_blank
 * link): never open one inside the app. An http(s) link goes to the system
 * browser; any other scheme (file:, javascript:, smb:, a custom handler) is
 * dropped and never reaches `shell.openExternal`, which would run it.
 */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalWebUrl(url) };
}

/** The normalized URL when it is an http(s) address, otherwise null. */
export function externalWebUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href;
}
