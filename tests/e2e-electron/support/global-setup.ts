import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The built app the suite launches (`npm run build`). */
const BUILT_FILES = ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/console/index.html'];

/**
 * Says once, up front, whether the suite can run: without Electron's binary it
 * skips (and says so); with it, a missing build fails the run with the fix.
 */
export default function checkPrerequisites(): void {
  const binary = findElectronBinary();
  if (binary.path === null) {
    console.log(`Electron binary not available here: ${binary.reason}. The Electron smoke suite is skipped.`);
    return;
  }
  const missing = BUILT_FILES.filter((file) => !existsSync(`${repoRoot}${file}`));
  if (missing.length > 0) {
    throw new Error(
      `The Electron smoke suite launches the built app, but ${missing.join(', ')} is missing: run \`npm run build\`.`,
    );
  }
}
