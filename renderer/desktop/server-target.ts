import type { OperatorConnectionOptions } from '../../src/client/operator-connection';
import { DEFAULT_DESKTOP_SETTINGS, type DesktopBridge } from '../../src/protocol';

/** Which Deskbell server the console talks to, and how. */
export interface ServerTarget {
  /**
   * True in the desktop app: the console is loaded from the app itself
   * (`deskbell-app://console/`), so the server is another origin, reached with
   * a bearer token and no cookies.
   */
  readonly desktop: boolean;
  /** The server's URL without a trailing slash; '' for the page's own origin. Read it at each use: it can change. */
  url(): string;
  /** Stops following the settings. */
  dispose(): void;
}

/**
 * The browser console talks to the server that served it (or the one
 * config.ts names); the desktop app to the server URL in its settings, and
 * follows that setting when it changes (the next log-in or connection uses it).
 */
export async function serverTargetFor(bridge: DesktopBridge, pageServerUrl: string): Promise<ServerTarget> {
  if (bridge.kind !== 'electron') return { desktop: false, url: () => pageServerUrl, dispose: () => undefined };
  let url = DEFAULT_DESKTOP_SETTINGS.serverUrl;
  try {
    url = (await bridge.getSettings()).serverUrl;
  } catch {
    // Main could not read its settings file; the default server is the best guess, and Settings can fix it.
  }
  const dispose = bridge.onSettingsChanged((settings) => {
    url = settings.serverUrl;
  });
  return { desktop: true, url: () => url.replace(/\/$/, ''), dispose };
}

/**
 * The operator connection's options. The desktop app authenticates with
 * `auth: { token }` and goes straight to a WebSocket: long-polling would need
 * the server's CORS for socket.io's HTTP requests, and a WebSocket also
 * notices a dead network sooner.
 */
export function connectionOptionsFor(
  target: ServerTarget,
  token: string | undefined,
  extra: Pick<OperatorConnectionOptions, 'onlineSignal'> = {},
): OperatorConnectionOptions {
  const url = target.url();
  return {
    ...(url ? { url } : {}),
    ...(token ? { token } : {}),
    ...(target.desktop ? { socketOptions: { transports: ['websocket'] } } : {}),
    ...extra,
  };
}
