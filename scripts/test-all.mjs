// `npm test`: every check and every test, in one command, ending with one line
// "N passed, N failed". Static checks first, then the build the end-to-end
// tests drive, then vitest (unit + integration over SQLite and PostgreSQL,
// then the desktop project: the packed app.asar and real OS notifications
// under Xvfb), then Playwright in Chromium, then the WebRTC suite in a network
// namespace of its own (it fails in CI, and skips elsewhere, where no namespace
// can be made), then the Electron smoke suite
// (which skips, saying why, where Electron's binary is missing). A step that fails does not stop the others,
// so one run tells everything; the exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Absolute: Playwright resolves PLAYWRIGHT_JSON_OUTPUT_NAME against its config file's folder.
const reports = resolve('reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const failures = [];
const counts = { passed: 0, failed: 0, skipped: 0 };

function step(name, command, args, env = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  // Printed so a slow CI run says which step grew.
  console.log(`=== ${name}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (result.status !== 0) failures.push(`${name} (exit ${result.status ?? result.signal})`);
  return result.status === 0;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startPostgres() {
  if (process.env.DESKBELL_TEST_DATABASE_URL) return { url: process.env.DESKBELL_TEST_DATABASE_URL, stop() {} };
  const dir = mkdtempSync(join(tmpdir(), 'deskbell-pg-'));
  const port = await freePort();
  const started = spawnSync('bash', ['scripts/throwaway-postgres.sh', 'start', dir, String(port)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (started.status !== 0) {
    failures.push('throwaway PostgreSQL did not start');
    return { url: null, stop() {} };
  }
  const url = started.stdout.trim();
  console.log(`throwaway PostgreSQL at ${url}`);
  return {
    url,
    stop: () => spawnSync('bash', ['scripts/throwaway-postgres.sh', 'stop', dir], { stdio: 'inherit' }),
  };
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

// One after the other: run together on two cores they took longer (96 s against 81 s).
step('lint', 'npx', ['eslint', '.']);
step('format', 'npx', ['prettier', '--check', '.']);
step('typecheck', 'npm', ['run', '-s', 'typecheck']);
step('build', 'npm', ['run', '-s', 'build']);

const postgres = await startPostgres();
try {
  const vitestEnv = postgres.url ? { DESKBELL_TEST_DATABASE_URL: postgres.url } : {};
  step(
    'vitest',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`],
    vitestEnv,
  );
} finally {
  postgres.stop();
}
const vitest = readJson(`${reports}/vitest.json`);
if (vitest) {
  counts.passed += vitest.numPassedTests;
  counts.failed += vitest.numFailedTests;
  counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else failures.push('vitest wrote no report');

/** Adds a Playwright JSON report's counts; a missing report is a failure of its step. */
function countPlaywright(name, path) {
  const report = readJson(path);
  if (report) {
    counts.passed += report.stats.expected + report.stats.flaky;
    counts.failed += report.stats.unexpected;
    counts.skipped += report.stats.skipped;
  } else failures.push(`${name} wrote no report`);
}

step('playwright', 'npx', ['playwright', 'test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json`,
});
countPlaywright('playwright', `${reports}/playwright.json`);

// Real WebRTC between browser contexts needs a network namespace of its own (ICE finds nothing on loopback).
// Where none can be made (exit 3) CI fails; a developer's run skips, saying why.
const netns = spawnSync('bash', ['scripts/in-network-namespace.sh', 'true'], { encoding: 'utf8' });
if (netns.status === 0) {
  step(
    'playwright-webrtc',
    'bash',
    [
      'scripts/in-network-namespace.sh',
      'npx',
      'playwright',
      'test',
      '-c',
      'tests/e2e-webrtc/playwright.config.ts',
      '--reporter=list,json',
    ],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright-webrtc.json` },
  );
  countPlaywright('playwright-webrtc', `${reports}/playwright-webrtc.json`);
} else {
  const why = netns.stderr.trim() || `scripts/in-network-namespace.sh exited ${netns.status ?? netns.signal}`;
  console.log(`\n=== playwright-webrtc: ${why}`);
  if (process.env.CI || netns.status !== 3) failures.push(`playwright-webrtc (${why})`);
  else console.log('playwright-webrtc skipped: the WebRTC tests need a network namespace (they run in CI)');
}

// The desktop client through Playwright's _electron: it skips (saying why) where Electron's binary was never downloaded.
step(
  'playwright-electron',
  'npx',
  ['playwright', 'test', '-c', 'tests/e2e-electron/playwright.config.ts', '--reporter=list,json'],
  {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright-electron.json`,
  },
);
countPlaywright('playwright-electron', `${reports}/playwright-electron.json`);

console.log('');
if (failures.length > 0) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failures.length > 0 || counts.failed > 0 ? 1 : 0);
