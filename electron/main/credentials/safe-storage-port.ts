/** Electron's safeStorage, as the credentials service needs it (electron-safe-storage.ts adapts it). */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  /** Throws when the bytes were not encrypted by this OS user's key. */
  decryptString(encrypted: Uint8Array): string;
  /**
   * Linux only: the secret store in use. `basic_text` means a key written in
   * Chromium's source, which protects nothing; other platforms answer null.
   */
  linuxBackend(): string | null;
}
