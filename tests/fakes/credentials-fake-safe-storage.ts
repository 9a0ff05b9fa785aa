import type { SafeStoragePort } from '../../electron/main/credentials/safe-storage-port';

/**
 * safeStorage with a toy cipher keyed per "OS user": bytes encrypted under
 * one key do not decrypt under another, as with DPAPI or the Keychain.
 */
export class FakeSafeStorage implements SafeStoragePort {
  available = true;
  backend: string | null = null;
  key = 7;
  failEncrypt = false;

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  encryptString(plainText: string): Uint8Array {
    if (this.failEncrypt) throw new Error('Error while encrypting the text provided');
    const bytes = new TextEncoder().encode(plainText);
    return Uint8Array.from([0xde, this.key, ...bytes.map((byte) => byte ^ this.key)]);
  }

  decryptString(encrypted: Uint8Array): string {
    if (encrypted[0] !== 0xde || encrypted[1] !== this.key) throw new Error('Error while decrypting the ciphertext');
    return new TextDecoder().decode(encrypted.slice(2).map((byte) => byte ^ this.key));
  }

  linuxBackend(): string | null {
    return this.backend;
  }
}
