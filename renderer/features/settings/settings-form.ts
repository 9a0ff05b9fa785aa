import type { DesktopSettings, DesktopSettingsPatch } from '../../../src/protocol';

/**
 * The Settings page's fields as the person typed them (numbers stay text until
 * Save, so a half-typed value is not fought over), and the rules that turn
 * them into a settings patch or into messages naming what to fix.
 */
export interface SettingsForm {
  serverUrl: string;
  muted: boolean;
  /** The message sound for a patron's new message in a chat not on screen. */
  chatMessages: boolean;
  /** The message sound for staff chat messages and briefings. */
  staffMessages: boolean;
  /** 0 to 100, as the slider shows it. */
  volumePercent: string;
  repeatSeconds: string;
  alertStyle: DesktopSettings['alertStyle'];
  autoAwayMinutes: string;
  startAtLogin: boolean;
  startMinimized: boolean;
}

export type SettingsField = 'serverUrl' | 'volumePercent' | 'repeatSeconds' | 'autoAwayMinutes';
export type SettingsErrors = Partial<Record<SettingsField, string>>;

/**
 * 'desktop': everything; 'browser': only the sound, the rest belongs to the
 * desktop app (the browser talks to the server that served it).
 */
export type SettingsScope = 'desktop' | 'browser';

export type SettingsCheck = { ok: true; patch: DesktopSettingsPatch } | { ok: false; errors: SettingsErrors };

export const SETTINGS_LIMITS = {
  repeatSeconds: { min: 0, max: 600 },
  autoAwayMinutes: { min: 0, max: 240 },
} as const;

export function formFromSettings(settings: DesktopSettings): SettingsForm {
  return {
    serverUrl: settings.serverUrl,
    muted: settings.sound.muted,
    chatMessages: settings.sound.chatMessages !== false,
    staffMessages: settings.sound.staffMessages !== false,
    volumePercent: String(Math.round(settings.sound.volume * 100)),
    repeatSeconds: String(settings.sound.repeatSeconds),
    alertStyle: settings.alertStyle,
    autoAwayMinutes: String(settings.autoAwayMinutes),
    startAtLogin: settings.startAtLogin,
    startMinimized: settings.startMinimized,
  };
}

/**
 * Checks the form and returns only what changed from `current` (an empty
 * patch when nothing did), or a message per field that needs fixing.
 */
export function checkSettingsForm(form: SettingsForm, current: DesktopSettings, scope: SettingsScope): SettingsCheck {
  const errors: SettingsErrors = {};
  const volume = wholeNumber(form.volumePercent, 0, 100);
  if (volume === null) errors.volumePercent = 'Choose a volume from 0 to 100.';
  const repeat = wholeNumber(form.repeatSeconds, SETTINGS_LIMITS.repeatSeconds.min, SETTINGS_LIMITS.repeatSeconds.max);
  if (repeat === null) errors.repeatSeconds = 'Enter a whole number of seconds from 0 to 600 (0 chirps only once).';

  let serverUrl: string | null = null;
  let autoAway: number | null = null;
  if (scope === 'desktop') {
    serverUrl = serverAddress(form.serverUrl);
    if (serverUrl === null) {
      errors.serverUrl =
        "Enter the server's web address, starting with http:// or https:// (for example https://chat.library.org).";
    }
    autoAway = wholeNumber(
      form.autoAwayMinutes,
      SETTINGS_LIMITS.autoAwayMinutes.min,
      SETTINGS_LIMITS.autoAwayMinutes.max,
    );
    if (autoAway === null)
      errors.autoAwayMinutes = 'Enter a whole number of minutes from 0 to 240 (0 turns auto-away off).';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const patch: DesktopSettingsPatch = {};
  const sound: NonNullable<DesktopSettingsPatch['sound']> = {};
  if (form.muted !== current.sound.muted) sound.muted = form.muted;
  if (form.chatMessages !== (current.sound.chatMessages !== false)) sound.chatMessages = form.chatMessages;
  if (form.staffMessages !== (current.sound.staffMessages !== false)) sound.staffMessages = form.staffMessages;
  if (volume !== null && volume !== Math.round(current.sound.volume * 100)) sound.volume = volume / 100;
  if (repeat !== null && repeat !== current.sound.repeatSeconds) sound.repeatSeconds = repeat;
  if (Object.keys(sound).length > 0) patch.sound = sound;
  if (scope === 'desktop') {
    if (serverUrl !== null && serverUrl !== current.serverUrl) patch.serverUrl = serverUrl;
    if (form.alertStyle !== current.alertStyle) patch.alertStyle = form.alertStyle;
    if (autoAway !== null && autoAway !== current.autoAwayMinutes) patch.autoAwayMinutes = autoAway;
    if (form.startAtLogin !== current.startAtLogin) patch.startAtLogin = form.startAtLogin;
    if (form.startMinimized !== current.startMinimized) patch.startMinimized = form.startMinimized;
  }
  return { ok: true, patch };
}

/** True when the patch would change nothing. */
export function isEmptyPatch(patch: DesktopSettingsPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** An http(s) address with a host, without a trailing slash; null for anything else. */
function serverAddress(text: string): string | null {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed) || trimmed.length > 2048) return null;
  try {
    const url = new URL(trimmed);
    if (!url.hostname || url.username || url.password || url.search || url.hash) return null;
    return url.href.replace(/\/$/, '');
  } catch {
    return null;
  }
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}
