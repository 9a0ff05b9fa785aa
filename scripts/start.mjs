// `npm start [-- server options]`: builds everything, starts the Deskbell
// server (arguments such as --demo or --port pass through to it), waits until
// it listens, then opens the desktop client pointed at it. Where Electron
// cannot start (its binary was never downloaded, or there is no display) it
// says so in one line and prints the browser console's address instead.
// Ctrl-C stops both. `--no-desktop` skips the desktop client.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const LISTENING = /Deskbell is listening on (http:\/\/\S+)/;

const args = process.argv.slice(2);
const wantsDesktop = !args.includes('--no-desktop');
const serverArgs = args.filter((arg) => arg !== '--no-desktop');

const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
if (built.status !== 0) {
  console.error('start: the build failed; nothing was started.');
  process.exit(built.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...serverArgs], {
  cwd: repoRoot,
  stdio: ['ignore', 'pipe', 'inherit'],
});
/** @type {import('node:child_process').ChildProcess | null} */
let desktop = null;
let stopping = false;

/** Stops the desktop client, then the server (which shuts down cleanly on SIGINT), then exits. */
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  if (desktop && desktop.exitCode === null) desktop.kill('SIGTERM');
  if (server.exitCode === null) {
    server.once('exit', () => process.exit(code));
    server.kill('SIGINT');
  } else process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

server.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`start: the Deskbell server stopped (${signal ?? `exit ${code}`}).`);
  stopAll(code ?? 1);
});

let printed = '';
server.stdout.setEncoding('utf8').on('data', (chunk) => {
  process.stdout.write(chunk);
  if (printed === null) return;
  printed += chunk;
  const match = LISTENING.exec(printed);
  if (match) {
    printed = null;
    openClient(match[1]);
  }
});

/** The address the desktop client (on this machine) should use for a server listening on `url`. */
function localUrl(url) {
  return url.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://[::1]:');
}

/** Why the desktop client cannot start here, or null when it can. */
function whyNoDesktop() {
  if (!wantsDesktop) return '--no-desktop was given';
  const binary = findElectronBinary();
  if (binary.path === null) return `Electron binary not available here: ${binary.reason}`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  }
  return null;
}

function openClient(listeningUrl) {
  const url = localUrl(listeningUrl);
  const reason = whyNoDesktop();
  if (reason) {
    console.log(`Desktop client not started (${reason}). Open the operator console in a browser: ${url}/console/`);
    return;
  }
  const binary = findElectronBinary();
  console.log(`Opening the Deskbell desktop client for ${url} (Ctrl-C stops it and the server).`);
  // The app folder, not the main file: Electron then starts package.json's "main" (dist/electron/main.js)
  // with app.getAppPath() at the repo root, where the packaged app has app.asar's root.
  desktop = spawn(binary.path, ['.', `--server-url=${url}`], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, DESKBELL_SERVER_URL: url },
  });
  desktop.on('exit', (code, signal) => {
    if (stopping) return;
    console.log(
      `The desktop client closed (${signal ?? `exit ${code}`}); the server keeps running. ` +
        `Browser console: ${url}/console/ (Ctrl-C stops the server).`,
    );
  });
}
