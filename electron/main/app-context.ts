/**
 * What the main process's features share. main.ts builds one AppContext
 * after `app.whenReady()` and hands it to every `setUp<Feature>()` in turn,
 * so no feature reaches for a global (no `global.mainWindow`).
 */
import { join } from 'node:path';
import type { Clock } from './clock';
import type { Logger } from './logger';
import { ChannelRouter, type IpcRouter } from './ipc/ipc-router';
import { StoredSettingsService, type SettingsService } from './settings/settings-service';
import type { SettingsStore } from './settings/settings-store';
import { UiStateStore } from './settings/ui-state';
import type { WindowPorts } from './windows/window-ports';
import { MainWindowService, type WindowService } from './windows/window-service';

export type { Cancel, Clock } from './clock';
export type { Logger } from './logger';
export type { IpcRouter, IpcSender } from './ipc/ipc-router';
export type { SettingsService } from './settings/settings-service';
export type { Rectangle } from './windows/geometry';
export type { WindowService } from './windows/window-service';

export interface AppContext {
  settings: SettingsService;
  ipc: IpcRouter;
  windows: WindowService;
  clock: Clock;
  log: Logger;
  paths: {
    /** The project's assets/ folder (tray icons, sounds). */
    assets: string;
    /** The built console (dist/console), served as `deskbell-app://console/`. */
    renderer: string;
  };
}

/** Where the app's files are, given the app's root (`app.getAppPath()`: the repo, or app.asar). */
export interface AppPaths {
  assets: string;
  renderer: string;
  /** The bundled preload every window loads (scripts/build-electron.ts writes it). */
  preload: string;
}

export function resolveAppPaths(appRoot: string): AppPaths {
  return {
    assets: join(appRoot, 'assets'),
    renderer: join(appRoot, 'dist', 'console'),
    preload: join(appRoot, 'dist', 'electron', 'preload.cjs'),
  };
}

/** The context as main.ts builds it: the shell's own services, with the parts only their setUps use. */
export interface ShellContext extends AppContext {
  settings: StoredSettingsService;
  ipc: ChannelRouter;
  windows: MainWindowService;
  paths: AppPaths;
}

export interface NativeParts {
  store: SettingsStore;
  windowPorts: WindowPorts;
  clock: Clock;
  log: Logger;
  paths: AppPaths;
}

/**
 * Builds the shared services from their native parts. Nothing is wired yet:
 * the setUp functions do that, in main.ts's order.
 */
export function createAppContext(native: NativeParts): ShellContext {
  const { store, windowPorts, clock, log, paths } = native;
  const settings = new StoredSettingsService(store, log);
  const windows = new MainWindowService({
    ports: windowPorts,
    settings,
    uiState: new UiStateStore(store, log),
    clock,
    log,
    preloadPath: paths.preload,
  });
  const ipc = new ChannelRouter({ log, deliver: (channel, payload) => windows.sendToRenderer(channel, payload) });
  return { settings, ipc, windows, clock, log, paths };
}
