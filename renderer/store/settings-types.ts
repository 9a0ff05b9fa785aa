import type { DesktopSettings, DesktopSettingsPatch } from '../../src/protocol';

export interface SettingsSlice {
  /** The Settings page is showing (instead of the chats, or of the login form). */
  settingsOpen: boolean;
  /** The desktop's settings (in a browser: its sound settings, the rest the defaults); null until loaded. */
  desktopSettings: DesktopSettings | null;
  settingsSaving: boolean;
  /** Why loading or saving failed, in words for the Settings page. */
  settingsError: string | null;
  /** What the last Save did ("Settings saved."), for a polite status line. */
  settingsNotice: string | null;
  loadSettings(): Promise<void>;
  openSettings(): void;
  closeSettings(): void;
  /** Saves a change; resolves true when the desktop (or the browser) accepted it. */
  saveSettings(patch: DesktopSettingsPatch): Promise<boolean>;
}
