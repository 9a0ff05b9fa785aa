import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

/**
 * One command builds all of dist/widget/ (served at /widget/):
 *   frame.html + hashed assets  the chat app inside the iframe (React)
 *   screenshare.html            the patron's screenshare window (React, opened from the frame)
 *   demo.html                   the demo library home page (served at /)
 *   loader.js                   the script libraries embed: one IIFE, stable name, no React
 * (import.meta.dirname rather than node:path: the widget room's lint forbids node:* imports.)
 */
const widgetDir = import.meta.dirname;
const outDir = `${widgetDir}/../dist/widget`;

/**
 * The loader must be a classic script (document.currentScript is null in
 * modules) with a name that never changes, so it is a second, library-mode
 * build, run once the frame's bundle is written.
 */
function loaderScript(): Plugin {
  return {
    name: 'deskbell-loader-script',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        root: widgetDir,
        logLevel: 'warn',
        publicDir: false,
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2019',
          sourcemap: false,
          lib: {
            entry: `${widgetDir}/loader.ts`,
            formats: ['iife'],
            name: 'DeskbellLoader',
            fileName: () => 'loader.js',
          },
        },
      });
    },
  };
}

export default defineConfig({
  root: widgetDir,
  base: '/widget/',
  publicDir: false,
  plugins: [react(), loaderScript()],
  build: {
    outDir,
    emptyOutDir: true,
    rollupOptions: {
      // demo.html's classic <script src="/widget/loader.js"> is left as written (it is not a module).
      input: {
        frame: `${widgetDir}/frame.html`,
        screenshare: `${widgetDir}/screenshare.html`,
        demo: `${widgetDir}/demo.html`,
      },
    },
  },
});
