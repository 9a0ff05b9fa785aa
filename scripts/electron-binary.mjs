// Where the Electron binary is, found WITHOUT `require('electron')`: in plain
// Node that require downloads the binary when it is missing, and here (no
// internet) that fails. Mirrors node_modules/electron/index.js: the binary is
// node_modules/electron/dist/<path.txt>, or under ELECTRON_OVERRIDE_DIST_PATH.
// Used by scripts/start.mjs and the Playwright _electron suite.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * @returns {{ path: string } | { path: null, reason: string }} the executable, or why there is none
 */
export function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { path: null, reason: 'the electron package is not installed (npm ci installs it)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative ?? 'electron');
    return existsSync(path)
      ? { path }
      : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH names ${path}, which does not exist` };
  }
  if (!relative) {
    return {
      path: null,
      reason:
        'node_modules/electron/path.txt is missing: the binary was never downloaded ' +
        '(run `npx install-electron` where the internet is reachable, or set ELECTRON_OVERRIDE_DIST_PATH)',
    };
  }
  const path = join(packageDir, 'dist', relative);
  return existsSync(path) ? { path } : { path: null, reason: `${path} does not exist (run \`npx install-electron\`)` };
}
