import type { OperatorConnection } from '../../src/client/operator-connection';
import type { DesktopBridge, PlaySound } from '../../src/protocol';
import type { AdminApi } from '../api/admin-api';
import type { ConsoleApi } from '../api/console-api';
import type { ReportsApi } from '../api/reports-api';
import type { ScreenshareMedia } from '../desktop/screenshare-media';

/** What the store needs from outside; tests pass their own (a real connection to a test server, a recording bridge). */
export interface ConsoleDeps {
  api: ConsoleApi;
  /** The Administration page and the librarian's own name and password; the page's own origin when left out. */
  adminApi?: AdminApi;
  /** Opens a connection; `token` is the desktop client's bearer token (the browser uses its cookie). */
  /** The Reports page's figures and exports; the page's own origin when left out. */
  reportsApi?: ReportsApi;
  /** Saves a downloaded export (an `<a download>` object URL when left out). */
  saveFile?(blob: Blob, fileName: string): void;
  createConnection(token: string | undefined): OperatorConnection;
  bridge: DesktopBridge;
  now(): number;
  /**
   * Plays the chirp (or the message sound) at this volume (0 to 1) when the
   * desktop says so; the desktop app's main process decides when, the renderer
   * only has the speakers. `playChirp` (an Audio element) when left out.
   */
  playSound?(volume: number, sound: PlaySound['sound']): void;
  /** Loads the console page afresh (the desktop app after its server URL changed); nothing when left out. */
  reloadPage?(): void;
  /** Screen sharing's peer connection, microphone and picker; the browser's own when left out. */
  media?: ScreenshareMedia;
}

/** The store's handle on its one live connection (not state: nothing renders from the object itself). */
export interface ConsoleRuntime {
  deps: ConsoleDeps;
  connection(): OperatorConnection | null;
  /** The desktop app's bearer token while logged in (never state: nothing renders it, and it is a secret). */
  token: string | undefined;
  /** Replaces the connection: the old one is unbound from the store and closed. */
  setConnection(connection: OperatorConnection | null, unbind?: () => void): void;
}

export function createRuntime(deps: ConsoleDeps): ConsoleRuntime {
  let current: OperatorConnection | null = null;
  let unbindCurrent: (() => void) | undefined;
  return {
    deps,
    token: undefined,
    connection: () => current,
    setConnection(connection, unbind) {
      unbindCurrent?.();
      current?.close();
      current = connection;
      unbindCurrent = unbind;
    },
  };
}
