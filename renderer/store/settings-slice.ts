import type { StateCreator } from 'zustand';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { SettingsSlice } from './settings-types';

type SettingsData = Pick<
  SettingsSlice,
  'settingsOpen' | 'desktopSettings' | 'settingsSaving' | 'settingsError' | 'settingsNotice'
>;

export const initialSettingsState: SettingsData = {
  settingsOpen: false,
  desktopSettings: null,
  settingsSaving: false,
  settingsError: null,
  settingsNotice: null,
};

/**
 * The Settings page's state. The settings themselves live in the desktop's
 * main process (or, for the sound, in the browser); this slice holds the copy
 * the page shows and follows `onSettingsChanged` (see desktop-binding.ts).
 */
export const createSettingsSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], SettingsSlice> =>
  (set, get) => ({
    ...initialSettingsState,

    async loadSettings() {
      try {
        set({ desktopSettings: await runtime.deps.bridge.getSettings(), settingsError: null });
      } catch (error) {
        set({ settingsError: `Could not read the settings: ${messageOf(error)}` });
      }
    },

    openSettings() {
      // One page at a time: Settings takes the place of Canned messages or Administration.
      set({
        settingsOpen: true,
        settingsNotice: null,
        settingsError: null,
        cannedOpen: false,
        adminOpen: false,
        reportsOpen: false,
        temporaryPassword: null,
      });
      // Fresh from the desktop each time: the tray or another window may have changed them.
      void get().loadSettings();
    },

    closeSettings: () => set({ settingsOpen: false, settingsNotice: null, settingsError: null }),

    async saveSettings(patch) {
      const { bridge } = runtime.deps;
      const before = get().desktopSettings;
      // The desktop app's page may talk only to the server it was loaded for (its Content-Security-Policy
      // names it), and its session belongs to that server: a new server means logging out there and a fresh page.
      const switchingServer =
        bridge.kind === 'electron' && patch.serverUrl !== undefined && patch.serverUrl !== before?.serverUrl;
      set({ settingsSaving: true, settingsError: null, settingsNotice: null });
      try {
        if (switchingServer && get().phase === 'logged-in') await get().logOut();
        const saved = await bridge.updateSettings(patch);
        set({ desktopSettings: saved, settingsSaving: false, settingsNotice: 'Settings saved.' });
        if (switchingServer) runtime.deps.reloadPage?.();
        return true;
      } catch (error) {
        set({ settingsSaving: false, settingsError: `The settings were not saved: ${messageOf(error)}` });
        return false;
      }
    },
  });

/** Electron's IPC errors read "Error invoking remote method 'settings/update': Error: ..."; keep the last part. */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^Error invoking remote method '[^']*':\s*(Error:\s*)?/, '');
}
