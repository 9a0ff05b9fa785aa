/**
 * Bundles the desktop app's two Node-side programs into dist/electron/
 * (`npm run build` runs this after the console and widget builds):
 *
 * - main.js: the main process, one ES module (Electron 45 loads an ESM main;
 *   electron-store is ESM-only). `electron` and the main process's runtime
 *   dependencies stay external: electron-builder packs those from
 *   node_modules, everything else (src/, zod) is inlined.
 * - preload.cjs: ONE CommonJS file with nothing external but `electron`,
 *   because a sandboxed preload can `require` no module of its own.
 *
 * The entries are SHELL's electron/main/main.ts and electron/preload/preload.ts.
 */
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${repo}dist/electron`;

/** Runtime dependencies the main process loads from node_modules at run time (they are in package.json "dependencies"). */
export const MAIN_EXTERNALS = ['electron', 'electron-store', 'node-notifier'];

/** Electron 45 runs Node 22 and Chromium 140-something; nothing older needs supporting. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome138';

const entries = {
  main: `${repo}electron/main/main.ts`,
  preload: `${repo}electron/preload/preload.ts`,
};
const missing = Object.values(entries).filter((entry) => !existsSync(entry));
if (missing.length > 0) {
  console.error(`build-electron: missing ${missing.join(', ')}`);
  process.exit(1);
}

rmSync(outDir, { recursive: true, force: true });

await Promise.all([
  build({
    entryPoints: { main: entries.main },
    outdir: outDir,
    outExtension: { '.js': '.js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    external: MAIN_EXTERNALS,
    sourcemap: true,
    // Smaller to load (zod is most of it), still readable in a stack trace: identifiers keep their names.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    // An ES module has no __dirname/__filename; main-process code written for either module kind gets them.
    banner: {
      js: [
        "import { dirname as __deskbellDirnameOf } from 'node:path';",
        "import { fileURLToPath as __deskbellFileURLToPath } from 'node:url';",
        'const __deskbellFilename = __deskbellFileURLToPath(import.meta.url);',
        'const __deskbellDirname = __deskbellDirnameOf(__deskbellFilename);',
      ].join('\n'),
    },
    define: { __dirname: '__deskbellDirname', __filename: '__deskbellFilename' },
  }),
  build({
    entryPoints: { preload: entries.preload },
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    // The preload runs in the renderer's sandbox: browser globals, no Node modules.
    platform: 'browser',
    format: 'cjs',
    target: CHROME_TARGET,
    external: ['electron'],
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  }),
]);

console.log(`Built dist/electron/main.js and dist/electron/preload.cjs`);
