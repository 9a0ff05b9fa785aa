import type { PatronConnection, PatronConnectionState } from '../../src/client/patron-connection';

/** Resolves once the widget connection's state satisfies `predicate`; fails after `timeoutMs`, saying the state it had. */
export function until(
  connection: PatronConnection,
  predicate: (state: PatronConnectionState) => boolean,
  timeoutMs = 4000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(connection.getState())) return resolve();
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`condition not reached; state was ${JSON.stringify(connection.getState())}`));
    }, timeoutMs);
    const stop = connection.subscribe(() => {
      if (!predicate(connection.getState())) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}
