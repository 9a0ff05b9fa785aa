import { DEFAULT_DESKTOP_SETTINGS, desktopSettingsSchema, type DesktopSettings } from '../../src/protocol';

/** Where the browser console keeps its chirp settings (this browser profile only). */
export const WEB_SOUND_SETTINGS_KEY = 'deskbell.sound';

export type SoundSettings = DesktopSettings['sound'];

const soundSchema = desktopSettingsSchema.shape.sound;

/** The part of `localStorage` the bridge uses; tests pass their own. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The saved sound settings, or the defaults when nothing (or something
 * unreadable: edited by hand, from an older version) is stored.
 */
export function readSoundSettings(storage: SettingsStorage | null): SoundSettings {
  const raw = safely(() => storage?.getItem(WEB_SOUND_SETTINGS_KEY) ?? null, null);
  if (!raw) return { ...DEFAULT_DESKTOP_SETTINGS.sound };
  const parsed = soundSchema.safeParse(safely(() => JSON.parse(raw) as unknown, null));
  return parsed.success ? parsed.data : { ...DEFAULT_DESKTOP_SETTINGS.sound };
}

/** Saves them; a browser that refuses storage (private mode, quota) keeps them for this page only. */
export function writeSoundSettings(storage: SettingsStorage | null, sound: SoundSettings): void {
  safely(() => storage?.setItem(WEB_SOUND_SETTINGS_KEY, JSON.stringify(sound)), undefined);
}

/** `localStorage` itself, or null where reading it throws (some privacy settings do). */
export function browserStorage(): SettingsStorage | null {
  return safely(() => (typeof localStorage === 'undefined' ? null : localStorage), null);
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
