/** Adapter: the SettingsStore port over electron-store (a JSON file in the app's userData folder). */
import Store from 'electron-store';
import { confSettingsStore, STORE_OPTIONS, type SettingsStore } from './settings-store';

export function electronSettingsStore(): SettingsStore {
  return confSettingsStore(new Store<Record<string, unknown>>(STORE_OPTIONS));
}
