import {
  desktopSettingsPatchSchema,
  desktopSettingsSchema,
  parsePayload,
  type DesktopSettings,
  type DesktopSettingsPatch,
} from '../../../src/protocol';
import type { Logger } from '../logger';
import { readSettings } from './read-settings';
import type { SettingsStore } from './settings-store';

/** The desktop client's settings, as every main-process feature sees them. */
export interface SettingsService {
  /** The current settings (a frozen snapshot: change them with `update`). */
  get(): DesktopSettings;
  /** Validates and applies a change, stores it, tells listeners; throws a clear error on a bad patch. */
  update(patch: DesktopSettingsPatch): DesktopSettings;
  /** Called after every change that changed something; returns the unsubscribe. */
  onChange(listener: (settings: DesktopSettings) => void): () => void;
}

/** The store key the settings object lives under. */
export const SETTINGS_KEY = 'settings';

/** Settings kept in a SettingsStore: read leniently once, written on every real change. */
export class StoredSettingsService implements SettingsService {
  #current: DesktopSettings;
  readonly #listeners = new Set<(settings: DesktopSettings) => void>();

  constructor(
    private readonly store: SettingsStore,
    private readonly log: Logger,
  ) {
    const { settings, problems } = readSettings(safeRead(store, log));
    if (problems.length > 0) log.warn('Some stored settings were not valid; using defaults for them', { problems });
    this.#current = freeze(settings);
  }

  get(): DesktopSettings {
    return this.#current;
  }

  update(patch: DesktopSettingsPatch): DesktopSettings {
    const change = parsePayload(desktopSettingsPatchSchema, patch, 'settings');
    const next = parsePayload(
      desktopSettingsSchema,
      { ...this.#current, ...change, sound: { ...this.#current.sound, ...change.sound } },
      'settings',
    );
    if (sameSettings(next, this.#current)) return this.#current;
    // Write first: if the disk refuses, nothing changes and the caller hears why.
    this.store.write(SETTINGS_KEY, next);
    this.#current = freeze(next);
    for (const listener of [...this.#listeners]) {
      try {
        listener(this.#current);
      } catch (error) {
        this.log.error('A settings listener failed', error);
      }
    }
    return this.#current;
  }

  onChange(listener: (settings: DesktopSettings) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }
}

function safeRead(store: SettingsStore, log: Logger): unknown {
  try {
    return store.read(SETTINGS_KEY);
  } catch (error) {
    log.error('Could not read the stored settings; using the defaults', error);
    return undefined;
  }
}

function sameSettings(a: DesktopSettings, b: DesktopSettings): boolean {
  const keys = Object.keys(a) as (keyof DesktopSettings)[];
  const soundKeys = Object.keys(a.sound) as (keyof DesktopSettings['sound'])[];
  return (
    keys.every((key) => key === 'sound' || a[key] === b[key]) && soundKeys.every((key) => a.sound[key] === b.sound[key])
  );
}

function freeze(settings: DesktopSettings): DesktopSettings {
  return Object.freeze({ ...settings, sound: Object.freeze({ ...settings.sound }) });
}
