import type { AppContext } from '../app-context';
import { connectTray } from './connect-tray';
import { createElectronAppQuit, createElectronTray } from './electron-tray';

/** The tray icon, its menu and the waiting badge (see connect-tray.ts). Returns the teardown. */
export function setUpTray(context: AppContext): () => void {
  return connectTray(context, {
    tray: createElectronTray({ iconDirectory: `${context.paths.assets}/tray` }),
    app: createElectronAppQuit(),
  });
}
