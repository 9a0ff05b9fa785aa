/** Adapter: the SafeStoragePort over Electron's safeStorage (DPAPI, Keychain, libsecret/kwallet). */
import { safeStorage } from 'electron';
import type { SafeStoragePort } from './safe-storage-port';

export function electronSafeStorage(): SafeStoragePort {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plainText) => safeStorage.encryptString(plainText),
    decryptString: (encrypted) => safeStorage.decryptString(Buffer.from(encrypted)),
    // getSelectedStorageBackend exists on Linux only.
    linuxBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null),
  };
}
