import { DEFAULT_DESKTOP_SETTINGS, desktopSettingsSchema, type DesktopSettings } from '../../../src/protocol';

/** What was stored, parsed leniently: every field that is wrong or missing takes its default. */
export interface ReadSettings {
  settings: DesktopSettings;
  /** One line per field that was wrong, for the log ("sound.volume: ..."). */
  problems: string[];
}

type Sound = DesktopSettings['sound'];
const soundShape = desktopSettingsSchema.shape.sound.shape;

/**
 * Parses stored settings field by field. A hand-edited or half-written file
 * keeps every good field and falls back to DEFAULT_DESKTOP_SETTINGS only for
 * the bad ones, so one typo never resets a librarian's server URL or volume.
 */
export function readSettings(stored: unknown): ReadSettings {
  const problems: string[] = [];
  if (stored === undefined) return { settings: cloneDefaults(), problems };
  if (!isRecord(stored)) {
    problems.push('settings: not an object; using the defaults');
    return { settings: cloneDefaults(), problems };
  }
  const settings = cloneDefaults();
  const keys = Object.keys(DEFAULT_DESKTOP_SETTINGS) as (keyof DesktopSettings)[];
  for (const key of keys) {
    if (key === 'sound') continue;
    if (stored[key] === undefined) continue;
    const result = desktopSettingsSchema.shape[key].safeParse(stored[key]);
    if (result.success) Object.assign(settings, { [key]: result.data });
    else problems.push(`${key}: ${result.error.issues[0]?.message ?? 'not valid'}`);
  }
  if (stored.sound !== undefined) settings.sound = readSound(stored.sound, problems);
  for (const key of Object.keys(stored)) {
    if (!keys.includes(key as keyof DesktopSettings)) problems.push(`${key}: not a setting; ignored`);
  }
  return { settings, problems };
}

function readSound(stored: unknown, problems: string[]): Sound {
  const sound = { ...DEFAULT_DESKTOP_SETTINGS.sound };
  if (!isRecord(stored)) {
    problems.push('sound: not an object');
    return sound;
  }
  for (const key of Object.keys(sound) as (keyof Sound)[]) {
    if (stored[key] === undefined) continue;
    const result = soundShape[key].safeParse(stored[key]);
    if (result.success) Object.assign(sound, { [key]: result.data });
    else problems.push(`sound.${key}: ${result.error.issues[0]?.message ?? 'not valid'}`);
  }
  return sound;
}

function cloneDefaults(): DesktopSettings {
  return { ...DEFAULT_DESKTOP_SETTINGS, sound: { ...DEFAULT_DESKTOP_SETTINGS.sound } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
