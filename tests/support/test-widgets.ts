import { PatronConnection, type ResumeTokenStore } from '../../src/client/patron-connection';
import { PATRON_NAMESPACE } from '../../src/protocol/patron-contract';

/** A resume-token store in memory: pass the same one to a new widget to play the patron's page reloading. */
export function memoryTokens(): ResumeTokenStore & { value: string | null } {
  const store = {
    value: null as string | null,
    read: () => store.value,
    write: (token: string) => void (store.value = token),
    clear: () => void (store.value = null),
  };
  return store;
}

/**
 * The widget's real connection on a patron's page, against a test server: quick
 * reconnects, and a short queue settle so the moves (not a second resume) keep
 * the number in quick test steps.
 */
export function testWidget(serverUrl: string, tokens: ResumeTokenStore, departmentId: string): PatronConnection {
  return new PatronConnection({
    url: `${serverUrl}${PATRON_NAMESPACE}`,
    departmentId,
    tokens,
    socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 },
    queueSettleMs: 30,
  });
}
