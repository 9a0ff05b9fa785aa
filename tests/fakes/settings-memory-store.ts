import type { SettingsStore } from '../../electron/main/settings/settings-store';

/** A SettingsStore in a Map; `failWrites` makes the next writes throw like a full disk. */
export class MemorySettingsStore implements SettingsStore {
  readonly data = new Map<string, unknown>();
  failWrites = false;
  failReads = false;
  writes = 0;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.data.set(key, value);
  }

  read(key: string): unknown {
    if (this.failReads) throw new Error('EACCES: permission denied');
    // A copy, as a JSON file would give back.
    const value = this.data.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  write(key: string, value: unknown): void {
    if (this.failWrites) throw new Error('ENOSPC: no space left on device');
    this.writes += 1;
    this.data.set(key, structuredClone(value));
  }

  remove(key: string): void {
    if (this.failWrites) throw new Error('ENOSPC: no space left on device');
    this.data.delete(key);
  }
}
