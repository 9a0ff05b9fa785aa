/**
 * Where the Deskbell server is. The browser console is served by the server
 * itself, so the default is the page's own origin (''); a console served from
 * elsewhere (the desktop app, a dev server without its proxy) sets
 * VITE_DESKBELL_SERVER_URL at build time or `?server=` in the address.
 */
export function serverUrl(): string {
  const fromQuery = new URLSearchParams(window.location.search).get('server');
  if (fromQuery && /^https?:\/\//.test(fromQuery)) return fromQuery.replace(/\/$/, '');
  const fromBuild = import.meta.env.VITE_DESKBELL_SERVER_URL as string | undefined;
  return fromBuild ? fromBuild.replace(/\/$/, '') : '';
}
