import { storedTokenSchema, type StoredToken } from '../../../src/protocol';
import type { Logger } from '../logger';
import type { SettingsStore } from '../settings/settings-store';
import type { SafeStoragePort } from './safe-storage-port';

/** The store key the encrypted token lives under (base64 of safeStorage's bytes). */
export const TOKEN_KEY = 'sessionToken';

const tokenSchema = storedTokenSchema.shape.token.unwrap();

/**
 * Keeps the operator's session token. With OS encryption it is stored
 * encrypted (safeStorage) so the librarian stays logged in across restarts;
 * without it the token lives in memory only and `persisted: false` tells the
 * console to say so. It is never written in plain text.
 */
export class CredentialsService {
  #memoryToken: string | null = null;
  /** Set when encrypting failed this run: the token in memory is the one that counts. */
  #memoryOnly = false;

  constructor(private readonly deps: { safeStorage: SafeStoragePort; store: SettingsStore; log: Logger }) {}

  /** Whether the OS can encrypt for us now (and the encryption is real). */
  canPersist(): boolean {
    const { safeStorage } = this.deps;
    return safeStorage.isEncryptionAvailable() && safeStorage.linuxBackend() !== 'basic_text';
  }

  load(): StoredToken {
    if (this.#memoryOnly || !this.canPersist()) return { token: this.#memoryToken, persisted: false };
    const stored = this.deps.store.read(TOKEN_KEY);
    if (stored === undefined || stored === null) return { token: null, persisted: true };
    const token = this.decrypt(stored);
    if (token === null) {
      // Another OS user's key, a changed keyring, a hand-edited file: the token is useless, log in again.
      this.deps.log.warn('The stored session token could not be decrypted; dropping it');
      this.forget();
    }
    return { token, persisted: true };
  }

  save(token: string | null): StoredToken {
    this.#memoryToken = token;
    this.#memoryOnly = false;
    if (token === null) {
      this.forget();
      return { token: null, persisted: this.canPersist() };
    }
    if (!this.canPersist()) {
      // Not even an old encrypted token may outlive a new login.
      this.forget();
      return { token, persisted: false };
    }
    try {
      const encrypted = this.deps.safeStorage.encryptString(token);
      this.deps.store.write(TOKEN_KEY, Buffer.from(encrypted).toString('base64'));
      return { token, persisted: true };
    } catch (error) {
      this.deps.log.error('Could not store the session token; keeping it for this run only', error);
      this.forget();
      this.#memoryOnly = true;
      return { token, persisted: false };
    }
  }

  private decrypt(stored: unknown): string | null {
    if (typeof stored !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(stored)) return null;
    try {
      const token = this.deps.safeStorage.decryptString(Buffer.from(stored, 'base64'));
      return tokenSchema.safeParse(token).success ? token : null;
    } catch {
      return null;
    }
  }

  private forget(): void {
    try {
      this.deps.store.remove(TOKEN_KEY);
    } catch (error) {
      this.deps.log.error('Could not remove the stored session token', error);
    }
  }
}
