// Type-checks every room with its own tsconfig (each room sees only the types it may use: src/ no DOM or
// Node, renderer/ DOM, server/ Node, ...). Incremental: build info is kept under node_modules/.cache,
// so a second run after a small change takes seconds; CI's clean clone checks everything. The rooms are
// checked as many at a time as there are cores (each tsc is one thread).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const ROOMS = ['tests', 'server', 'renderer', 'widget', 'electron/main', 'electron/preload', 'src'];
const cacheDir = 'node_modules/.cache/tsc';
mkdirSync(cacheDir, { recursive: true });

/** Resolves to whether the room's types check; its messages are printed when it ends, not interleaved. */
function check(room) {
  const buildInfo = `${cacheDir}/${room.replaceAll('/', '-')}.tsbuildinfo`;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', room, '--incremental', '--tsBuildInfoFile', buildInfo],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      process.stdout.write(output);
      resolve(code === 0);
    });
  });
}

const failed = [];
const queue = [...ROOMS];
async function worker() {
  for (let room = queue.shift(); room !== undefined; room = queue.shift()) {
    if (!(await check(room))) failed.push(room);
  }
}
await Promise.all(Array.from({ length: Math.min(availableParallelism(), ROOMS.length) }, worker));
if (failed.length > 0) {
  console.error(`typecheck failed in: ${failed.join(', ')}`);
  process.exit(1);
}
