// eslint-disable-next-line no-restricted-imports -- this config runs in Node at build time, never in the console.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));
/** `npm run dev`-style work against a running server: `DESKBELL_DEV_SERVER=http://127.0.0.1:3000 npx vite --config renderer/vite.config.ts`. */
const devServer = process.env.DESKBELL_DEV_SERVER ?? 'http://127.0.0.1:3000';

/**
 * The operator console: served by the Deskbell server at /console/, built into
 * dist/console. Two pages: index.html (the console) and alert.html (the desktop
 * app's lower-right pop-up window, which shares the console's look).
 */
export default defineConfig({
  root: here,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: `${repo}dist/console`,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: {
        index: `${here}index.html`,
        alert: `${here}alert.html`,
        picker: `${here}picker.html`,
        'sharing-bar': `${here}sharing-bar.html`,
      },
    },
  },
  server: {
    fs: { allow: [repo] },
    proxy: {
      '/api': { target: devServer, changeOrigin: false },
      '/socket.io': { target: devServer, ws: true, changeOrigin: false },
    },
  },
});
