/**
 * bench/idle-sockets: what an idle patron socket costs the server's heap,
 * Deskbell beside a bare socket.io server measured in the same run.
 *
 *   npx tsx bench/idle-sockets.ts [--sockets 2000] [--rounds 1]
 *
 * Each server runs with `--expose-gc --import ./bench/heap-probe.mjs` (a
 * bench-only preload: SIGUSR2 collects garbage and prints the live heap).
 * A warm-up batch connects first, then the heap is read, N idle `/patron`
 * sockets connect (no chat, as a widget that only loaded), and the heap is
 * read again: (after - before) / N is the heap per socket. The baseline is
 * bench/bare-relay-server.ts (a /patron namespace with two handlers per
 * socket). Results go to stdout and reports/bench/idle-sockets.figures.json.
 * The RSS growth is printed for the record only: it moves with the allocator's
 * arenas and when the collector last ran, by more than the sockets cost.
 */
import { connected, positiveOption, startDeskbell } from './bench-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { figure, reportFigures } from './figures';
import { spawnServer, type RunningServer } from './spawn-server';

const BENCH_NAME = 'idle-sockets';

const { values } = parseArgs({
  options: {
    sockets: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '1' },
  },
});
const config = { sockets: positive('sockets', values.sockets), rounds: positive('rounds', values.rounds) };
const WARM_UP_SOCKETS = 100;

function positive(name: string, raw: string | undefined): number {
  return positiveOption(BENCH_NAME, name, raw);
}

const PROBE_ARGS = '--expose-gc --import ./bench/heap-probe.mjs';

/** Starts a server with the heap probe preloaded (spawnServer reads BENCH_SERVER_NODE_ARGS at spawn). */
async function withProbe(start: () => Promise<RunningServer>): Promise<RunningServer> {
  const previous = process.env.BENCH_SERVER_NODE_ARGS;
  process.env.BENCH_SERVER_NODE_ARGS = `${previous ?? ''} ${PROBE_ARGS}`.trim();
  try {
    return await start();
  } finally {
    if (previous === undefined) delete process.env.BENCH_SERVER_NODE_ARGS;
    else process.env.BENCH_SERVER_NODE_ARGS = previous;
  }
}

const bare = () =>
  withProbe(() =>
    spawnServer({
      script: 'bench/bare-relay-server.ts',
      readyPattern: /listening on (\d+)/,
      toUrl: (port) => `http://127.0.0.1:${port}`,
    }),
  );

const deskbell = (dataDir: string) => withProbe(() => startDeskbell({ dataDir }));

/** Asks the probe for the live heap after a full collection. */
function heapUsed(server: RunningServer): Promise<number> {
  return new Promise((resolve, reject) => {
    const stdout = server.process.stdout;
    if (!stdout) return reject(new Error('the server has no stdout'));
    let buffered = '';
    const timer = setTimeout(() => {
      stdout.off('data', onData);
      reject(new Error('the heap probe did not answer in 10 s'));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /heap-used (\d+)/.exec(buffered);
      if (!match?.[1]) return;
      clearTimeout(timer);
      stdout.off('data', onData);
      resolve(Number(match[1]));
    };
    stdout.on('data', onData);
    server.process.kill('SIGUSR2');
  });
}

async function connectPatrons(url: string, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () =>
      connected(connect(`${url}/patron`, { transports: ['websocket'], forceNew: true })),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Heap bytes per idle socket (and the RSS growth per socket, for the record). */
async function measure(start: () => Promise<RunningServer>): Promise<{ heapPerSocket: number; rssPerSocket: number }> {
  const server = await start();
  const sockets: Socket[] = [];
  try {
    sockets.push(...(await connectPatrons(server.url, WARM_UP_SOCKETS)));
    await pause(500);
    const heapBefore = await heapUsed(server);
    const rssBefore = server.rssMiB();
    sockets.push(...(await connectPatrons(server.url, config.sockets)));
    await pause(1000);
    const heapAfter = await heapUsed(server);
    const rssAfter = server.rssMiB();
    return {
      heapPerSocket: (heapAfter - heapBefore) / config.sockets,
      rssPerSocket: ((rssAfter - rssBefore) * 1024 * 1024) / config.sockets,
    };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const dataRoot = mkdtempSync(join(tmpdir(), 'deskbell-idle-'));
try {
  console.log(`${BENCH_NAME}: ${JSON.stringify(config)}`);
  const bareRuns: Array<{ heapPerSocket: number; rssPerSocket: number }> = [];
  const deskRuns: Array<{ heapPerSocket: number; rssPerSocket: number }> = [];
  for (let round = 1; round <= config.rounds; round++) {
    const baseline = await measure(bare);
    const desk = await measure(() => deskbell(join(dataRoot, `round-${round}`)));
    bareRuns.push(baseline);
    deskRuns.push(desk);
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`;
    console.log(
      `round ${round}: heap/socket bare ${kib(baseline.heapPerSocket)}, Deskbell ${kib(desk.heapPerSocket)} ` +
        `(${(desk.heapPerSocket / baseline.heapPerSocket).toFixed(2)}x); ` +
        `RSS/socket bare ${kib(baseline.rssPerSocket)}, Deskbell ${kib(desk.rssPerSocket)}`,
    );
  }
  reportFigures(BENCH_NAME, [
    figure({
      figure: `heap per idle /patron socket (${config.sockets} sockets)`,
      baseline: 'bare socket.io server',
      value: median(deskRuns.map((run) => run.heapPerSocket)),
      baselineValue: median(bareRuns.map((run) => run.heapPerSocket)),
      unit: 'B',
      goal: 1.1,
      better: 'lower',
    }),
  ]);
} finally {
  rmSync(dataRoot, { recursive: true, force: true });
}
process.exit(0);
