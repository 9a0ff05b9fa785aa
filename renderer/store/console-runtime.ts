import type { OperatorConnection } from '../../src/client/operator-connection';
import type { DesktopBridge } from '../../src/protocol';
import type { ConsoleApi } from '../api/console-api';

/** What the store needs from outside; tests pass their own (a real connection to a test server, a recording bridge). */
export interface ConsoleDeps {
  api: ConsoleApi;
  /** Opens a connection; `token` is the desktop client's bearer token (the browser uses its cookie). */
  createConnection(token: string | undefined): OperatorConnection;
  bridge: DesktopBridge;
  now(): number;
}

/** The store's handle on its one live connection (not state: nothing renders from the object itself). */
export interface ConsoleRuntime {
  deps: ConsoleDeps;
  connection(): OperatorConnection | null;
  /** Replaces the connection: the old one is unbound from the store and closed. */
  setConnection(connection: OperatorConnection | null, unbind?: () => void): void;
}

export function createRuntime(deps: ConsoleDeps): ConsoleRuntime {
  let current: OperatorConnection | null = null;
  let unbindCurrent: (() => void) | undefined;
  return {
    deps,
    connection: () => current,
    setConnection(connection, unbind) {
      unbindCurrent?.();
      current?.close();
      current = connection;
      unbindCurrent = unbind;
    },
  };
}
