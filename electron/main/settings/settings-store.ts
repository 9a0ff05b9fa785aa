/**
 * The port to where settings are kept on disk. electron-store in the app
 * (electron-settings-store.ts), a Map in tests, or any Conf-like store.
 * Keys are flat (no dots): `settings`, `windowState`, `hints`, `sessionToken`.
 */
export interface SettingsStore {
  /** The stored value, or undefined; never trusted: callers parse it. */
  read(key: string): unknown;
  /** Throws when the disk refuses (full, read-only). */
  write(key: string, value: unknown): void;
  remove(key: string): void;
}

/** The part of electron-store / conf this app uses. */
export interface ConfLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** A SettingsStore over electron-store or conf (they share this API). */
export function confSettingsStore(conf: ConfLike): SettingsStore {
  return {
    read: (key) => conf.get(key),
    write: (key, value) => conf.set(key, value),
    remove: (key) => conf.delete(key),
  };
}

/** Options for electron-store/conf: a file that is not JSON at all is cleared instead of stopping the app. */
export const STORE_OPTIONS = { name: 'deskbell-settings', clearInvalidConfig: true } as const;
