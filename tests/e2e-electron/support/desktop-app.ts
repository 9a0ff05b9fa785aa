import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The Electron binary, or why there is none: the suite skips on the latter. */
export const electronBinary = findElectronBinary();

/** One running Deskbell desktop client, with a user-data folder of its own. */
export interface DesktopApp {
  app: ElectronApplication;
  /** The operator console's window. */
  window: Page;
  close(): Promise<void>;
}

/**
 * Launches the built app (package.json "main": dist/electron/main.js) the way `npm start` does,
 * pointed at `serverUrl` (the `--server-url` switch and DESKBELL_SERVER_URL),
 * with fresh settings in a temporary user-data folder.
 */
export async function launchDesktopApp(serverUrl: string): Promise<DesktopApp> {
  if (electronBinary.path === null) throw new Error(`Electron binary not available here: ${electronBinary.reason}`);
  const userData = await mkdtemp(join(tmpdir(), 'deskbell-electron-'));
  const app = await electron.launch({
    executablePath: electronBinary.path,
    // The app folder: Electron starts package.json's "main" with app.getAppPath() at the repo root, as packaged.
    args: [repoRoot, `--server-url=${serverUrl}`, `--user-data-dir=${userData}`],
    cwd: repoRoot,
    env: { ...process.env, DESKBELL_SERVER_URL: serverUrl, DESKBELL_USER_DATA_DIR: userData },
  });
  try {
    const window = await app.firstWindow();
    return {
      app,
      window,
      async close() {
        await app.close();
        await rm(userData, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app.close();
    await rm(userData, { recursive: true, force: true });
    throw error;
  }
}
