import type { AppContext } from '../app-context';
import type { SettingsStore } from '../settings/settings-store';
import { CredentialsService } from './credentials-service';
import type { SafeStoragePort } from './safe-storage-port';

/** The session token over IPC: the console loads it at start and saves it on login and logout. */
export function setUpCredentials(
  context: AppContext,
  native: { safeStorage: SafeStoragePort; store: SettingsStore },
): CredentialsService {
  const credentials = new CredentialsService({ ...native, log: context.log });
  context.ipc.handle('credentials/get-token', () => credentials.load());
  context.ipc.handle('credentials/set-token', ({ token }) => credentials.save(token));
  return credentials;
}
