// Type-checks every room with its own tsconfig (each room sees only the types it may use: src/ no DOM or
// Node, renderer/ DOM, server/ Node, ...). Incremental: build info is kept under node_modules/.cache,
// so a second run after a small change takes seconds; CI's clean clone checks everything.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const ROOMS = ['src', 'server', 'renderer', 'widget', 'electron/main', 'electron/preload', 'tests'];
const cacheDir = 'node_modules/.cache/tsc';
mkdirSync(cacheDir, { recursive: true });

const failed = [];
for (const room of ROOMS) {
  const buildInfo = `${cacheDir}/${room.replaceAll('/', '-')}.tsbuildinfo`;
  const result = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', room, '--incremental', '--tsBuildInfoFile', buildInfo],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) failed.push(room);
}
if (failed.length > 0) {
  console.error(`typecheck failed in: ${failed.join(', ')}`);
  process.exit(1);
}
