import { OperatorConnection } from '../../src/client/operator-connection';
import type { DesktopBridge, NewChatAlert, OperatorProfile, PresenceSnapshot } from '../../src/protocol';
import type { ConsoleApi } from '../../renderer/api/console-api';
import { createConsoleStore, type ConsoleStore } from '../../renderer/store/console-store';
import type { FakeDeskServer } from './client-fake-desk-server';

/** A desktop bridge that remembers what the console asked of it, and lets a test click a pop-up. */
export class RecordingBridge implements DesktopBridge {
  readonly kind = 'electron' as const;
  readonly alerts: NewChatAlert[] = [];
  readonly cleared: string[] = [];
  readonly presence: PresenceSnapshot[] = [];
  chirps = 0;
  private listeners = new Set<(action: { chatId: string; action: 'claim' | 'preview' }) => void>();
  alertNewChat(alert: NewChatAlert) {
    this.alerts.push(alert);
  }
  clearChatAlert(chatId: string) {
    this.cleared.push(chatId);
  }
  chirp() {
    this.chirps += 1;
  }
  reportPresence(presence: PresenceSnapshot) {
    this.presence.push(presence);
  }
  onAlertAction(listener: (action: { chatId: string; action: 'claim' | 'preview' }) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  clickAlert(chatId: string, action: 'claim' | 'preview') {
    for (const listener of this.listeners) listener({ chatId, action });
  }
}

const PROFILES: Record<string, OperatorProfile> = {
  alice: {
    id: 'op-alice',
    username: 'alice',
    displayName: 'Alice',
    role: 'operator',
    departmentIds: ['general-reference'],
  },
  bob: { id: 'op-bob', username: 'bob', displayName: 'Bob', role: 'operator', departmentIds: ['general-reference'] },
};

/** The fake server's log-in: the demo password, and a token its socket middleware accepts. */
export function fakeApi(): ConsoleApi {
  return {
    async logIn(username, password) {
      const operator = PROFILES[username];
      if (!operator || password !== 'deskbell-demo') throw new Error('That username and password do not match.');
      return { token: `${username}-token`, operator };
    },
    async logOut() {},
    async me() {
      return null;
    },
  };
}

/** A console store wired to the fake server through a real OperatorConnection. */
export function consoleFor(
  server: FakeDeskServer,
  bridge = new RecordingBridge(),
): { store: ConsoleStore; bridge: RecordingBridge } {
  const store = createConsoleStore({
    api: fakeApi(),
    bridge,
    now: () => Date.now(),
    createConnection: (token) =>
      new OperatorConnection({
        url: server.url,
        ...(token ? { token } : {}),
        requestTimeoutMs: 1000,
        socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 },
      }),
  });
  return { store, bridge };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
