/**
 * What the desktop app would ship: `npm run build`, then electron-builder
 * packs the Linux app directory (`--dir`) around a stand-in Electron binary
 * (the real one cannot be downloaded here), into a temporary folder so
 * parallel runs never clash. The test reads the resulting app.asar: the main
 * process, the preload and the built console are in it, and nothing of the
 * server (its code, database drivers, native modules) is.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** What the server needs at run time and the desktop app must never carry. */
const SERVER_PACKAGES = [
  '@deskbell/server',
  'better-sqlite3',
  'pg',
  'kysely',
  'fastify',
  '@fastify/static',
  '@fastify/cookie',
  'socket.io',
  'engine.io',
  '@node-rs/argon2',
  'redis',
  '@socket.io/redis-streams-adapter',
];

/** The main process's runtime dependencies, loaded from node_modules inside the asar. */
const MAIN_RUNTIME_PACKAGES = ['electron-store', 'node-notifier'];

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: process.env });
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${output}`);
  }
}

/** The bare module names a bundle loads at run time (import/require of a string). */
function loadedModules(source: string): Set<string> {
  const names = new Set<string>();
  const patterns = [
    /\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) names.add(match[1] as string);
  return names;
}

describe('the packaged desktop app (electron-builder --dir)', () => {
  const work = mkdtempSync(join(tmpdir(), 'deskbell-pack-'));
  let asar: string;
  let entries: string[];

  beforeAll(() => {
    run('npm', ['run', '-s', 'build']);
    // electron-builder copies this folder as "the Electron binary"; only the file name matters to it.
    const standIn = join(work, 'electron-dist');
    mkdirSync(standIn);
    writeFileSync(join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary" >&2\nexit 1\n');
    chmodSync(join(standIn, 'electron'), 0o755);
    const output = join(work, 'release');
    run('npx', [
      'electron-builder',
      '--linux',
      '--dir',
      '--publish',
      'never',
      `-c.electronDist=${standIn}`,
      `-c.directories.output=${output}`,
    ]);
    asar = join(output, 'linux-unpacked', 'resources', 'app.asar');
    entries = listPackage(asar, { isPack: false }).map((entry) => entry.replace(/\\/g, '/'));
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const read = (file: string) => extractFile(asar, file).toString('utf8');

  it('starts the bundled main process', () => {
    const manifest = JSON.parse(read('package.json')) as { main?: string; dependencies?: Record<string, string> };
    expect(manifest.main).toBe('dist/electron/main.js');
    expect(entries).toContain('/dist/electron/main.js');
  });

  it('carries the preload as one CommonJS file that loads nothing but electron', () => {
    expect(entries).toContain('/dist/electron/preload.cjs');
    // A sandboxed preload can require only Electron's own modules: everything else must be inlined.
    expect([...loadedModules(read('dist/electron/preload.cjs'))]).toEqual(['electron']);
  });

  it('carries every module the main process loads: Node built-ins, Electron, and its packed dependencies', () => {
    const builtins = new Set(builtinModules);
    const loaded = [...loadedModules(read('dist/electron/main.js'))];
    const outside = loaded.filter((name) => !name.startsWith('node:') && !builtins.has(name) && name !== 'electron');
    // Everything else (src/, zod, the services) is inlined into the bundle.
    expect(outside.filter((name) => !MAIN_RUNTIME_PACKAGES.includes(name))).toEqual([]);
    for (const name of MAIN_RUNTIME_PACKAGES) expect(entries).toContain(`/node_modules/${name}/package.json`);
  });

  it('carries the built console, its alert pop-up page, the chirp and the tray icons', () => {
    expect(entries).toContain('/dist/console/index.html');
    expect(entries).toContain('/dist/console/alert.html');
    expect(entries.some((entry) => /^\/dist\/console\/assets\/.+\.js$/.test(entry))).toBe(true);
    expect(entries).toContain('/assets/sounds/chirp.wav');
    expect(entries.filter((entry) => /^\/assets\/tray\/.+\.png$/.test(entry)).length).toBeGreaterThanOrEqual(5);
  });

  it('unpacks what other programs open next to the archive: the notification icon and notifier helpers', () => {
    const unpacked = `${asar}.unpacked`;
    expect(existsSync(join(unpacked, 'assets/tray/online@2x.png'))).toBe(true);
    // electron-builder keeps each platform's own helpers (no .exe on Linux); the rule is the same everywhere.
    expect(existsSync(join(unpacked, 'node_modules/node-notifier/vendor'))).toBe(true);
  });

  it('holds nothing of the server: no server code, database drivers or native modules', () => {
    expect(entries.filter((entry) => entry.startsWith('/server'))).toEqual([]);
    const serverPackages = SERVER_PACKAGES.filter((name) =>
      entries.some((entry) => entry === `/node_modules/${name}` || entry.includes(`/node_modules/${name}/`)),
    );
    expect(serverPackages).toEqual([]);
    expect(entries.filter((entry) => entry.endsWith('.node'))).toEqual([]);
  });

  it('leaves out the sources, the tests and the patron widget', () => {
    const stray = entries.filter((entry) =>
      /^\/(src|renderer|widget|electron|tests|scripts|bench|build|dist\/widget)(\/|$)/.test(entry),
    );
    expect(stray).toEqual([]);
    // Deskbell's own TypeScript is bundled; only packages' shipped sources may end in .ts.
    const ownTypeScript = entries.filter((entry) => !entry.startsWith('/node_modules/') && /\.tsx?$/.test(entry));
    expect(ownTypeScript).toEqual([]);
  });
});
