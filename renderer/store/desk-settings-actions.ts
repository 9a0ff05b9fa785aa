import type { DeskSettings } from '../../src/protocol';
import type { AdminApi } from '../api/admin-api';
import type { DeskSettingsSlice } from './admin-types';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';

type Set = (partial: Partial<ConsoleState> | ((state: ConsoleState) => Partial<ConsoleState>)) => void;
type Get = () => ConsoleState;

export const initialDeskSettingsState: Pick<DeskSettingsSlice, 'deskSettings' | 'deskSettingsError'> = {
  deskSettings: null,
  deskSettingsError: null,
};

/**
 * The Desk settings screen's actions: each save answers the whole of the
 * settings as the server now has them, and resolves to its refusal in words
 * (or null). This console's own analytics list follows by the server's
 * desk:settings push, like every other console's.
 */
export function deskSettingsActions(
  runtime: ConsoleRuntime,
  api: () => AdminApi,
  set: Set,
  get: Get,
): Omit<DeskSettingsSlice, keyof typeof initialDeskSettingsState> {
  const save = async (change: () => Promise<DeskSettings>, done: string): Promise<string | null> => {
    try {
      set({ deskSettings: await change() });
      get().announce(done);
      void get().loadAudit();
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  };
  return {
    async loadDeskSettings() {
      try {
        set({ deskSettings: await api().deskSettings(runtime.token), deskSettingsError: null });
      } catch (error) {
        set({ deskSettingsError: (error as Error).message });
      }
    },
    saveQuestionTypes: (request) =>
      save(() => api().saveQuestionTypes(request, runtime.token), 'Question types saved.'),
    savePatronFields: (request) =>
      save(() => api().savePatronFields(request, runtime.token), 'Pre-chat form fields saved.'),
    saveWidgetTexts: (texts) => save(() => api().saveWidgetTexts(texts, runtime.token), 'Widget words saved.'),
    saveReadScale: (enabled) =>
      save(
        () => api().saveReadScale(enabled, runtime.token),
        enabled ? 'READ scale turned on.' : 'READ scale turned off.',
      ),
  };
}
