/**
 * bench/address-flood: fifty anonymous patron sockets from one address start
 * chats as fast as the server lets them, while a librarian measures how long
 * her requests take and an honest patron on the same address tries to get in.
 *
 *   npx tsx bench/address-flood.ts [--server-root DIR] [--sockets 50] [--seconds 10] [--baseline-seconds 5]
 *                                  [--after-seconds 3] [--ping-ms 50] [--inflight 2] [--backoff-ms 100]
 *                                  [--out reports/bench/address-flood.json]
 *
 * --server-root is any Deskbell checkout (default: this one); its server/main.ts
 * runs with --demo over a fresh SQLite folder, so a before/after comparison is
 * two runs of this file with two roots.
 *
 * The phases, all in one run against one server:
 *   1. baseline: alice (Online) sends `operators:list` every --ping-ms and times
 *      each acknowledgement, with nothing else going on;
 *   2. flood: a separate process (so the flood's own CPU does not land in
 *      alice's timings) opens --sockets sockets to /patron from 127.0.0.1; each
 *      keeps --inflight `chat:start` requests going, sends the next as soon as
 *      one is answered, and waits --backoff-ms after a refusal. Halfway through,
 *      an honest patron from 127.0.0.1 (the same address: a library behind NAT)
 *      tries to start one chat, once a second until it gets in or the after phase ends;
 *      so does one from 127.0.0.2 (another address on loopback), as a control;
 *   3. after: alice goes on timing for --after-seconds.
 * Reported: chats created per second, refused starts by code, sockets refused
 * or dropped, alice's ack latency p50/p99 in each phase, and the honest patrons.
 * stdout gets a table; --out gets the JSON. Only loopback addresses are used.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { commitOf, freePort, killChildren, startChildServer, type ChildServer } from './child-server';
import { summarize, type Summary } from './stats';
import { demoLogin } from './demo-login';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'main' },
    url: { type: 'string' },
    'server-root': { type: 'string' },
    sockets: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    'baseline-seconds': { type: 'string', default: '5' },
    'after-seconds': { type: 'string', default: '3' },
    'ping-ms': { type: 'string', default: '50' },
    inflight: { type: 'string', default: '2' },
    'backoff-ms': { type: 'string', default: '100' },
    out: { type: 'string', default: 'reports/bench/address-flood.json' },
  },
});

function number(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`address-flood: --${name} must be a number from ${min} to ${max}, got ${String(raw)}`);
    process.exit(2);
  }
  return value;
}

const config = {
  sockets: Math.round(number('sockets', values.sockets, 1, 1000)),
  floodMs: number('seconds', values.seconds, 1, 120) * 1000,
  baselineMs: number('baseline-seconds', values['baseline-seconds'], 1, 120) * 1000,
  afterMs: number('after-seconds', values['after-seconds'], 0, 120) * 1000,
  pingMs: number('ping-ms', values['ping-ms'], 5, 5000),
  inflight: Math.round(number('inflight', values.inflight, 1, 50)),
  backoffMs: number('backoff-ms', values['backoff-ms'], 0, 10_000),
};
const ACK_TIMEOUT_MS = 5000;
const DEPARTMENT = 'general-reference';
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

type AckLike = { ok: boolean; error?: { code?: string; message?: string } };

/** Connects one socket without reconnection; resolves with it, or with why it was refused. */
function open(url: string, extra: Record<string, unknown> = {}): Promise<Socket | string> {
  return new Promise((done) => {
    const socket = connect(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: ACK_TIMEOUT_MS,
      ...extra,
    });
    const timer = setTimeout(() => {
      socket.disconnect();
      done('no answer');
    }, ACK_TIMEOUT_MS + 1000);
    socket.once('connect', () => {
      clearTimeout(timer);
      done(socket);
    });
    socket.once('connect_error', (error: Error) => {
      clearTimeout(timer);
      socket.disconnect();
      done(error.message || 'connect_error');
    });
  });
}

function countInto(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

// ---------------------------------------------------------------- the flood (its own process)

interface FloodResult {
  opened: number;
  refused: Record<string, number>;
  droppedByServer: Record<string, number>;
  created: number;
  refusedStarts: Record<string, number>;
  unanswered: number;
  floodMs: number;
  startLatency: Summary;
}

async function flood(url: string): Promise<void> {
  const results = await Promise.all(Array.from({ length: config.sockets }, () => open(`${url}/patron`)));
  const sockets = results.filter((result): result is Socket => typeof result !== 'string');
  const refused: Record<string, number> = {};
  for (const result of results) if (typeof result === 'string') countInto(refused, result);
  const droppedByServer: Record<string, number> = {};
  for (const socket of sockets) socket.once('disconnect', (reason) => countInto(droppedByServer, reason));
  process.send?.({ type: 'flooding' });

  const refusedStarts: Record<string, number> = {};
  const latencies: number[] = [];
  let created = 0;
  let unanswered = 0;
  let n = 0;
  const started = performance.now();
  const end = started + config.floodMs;
  const loop = async (socket: Socket) => {
    while (performance.now() < end && socket.connected) {
      const sentAt = performance.now();
      let ack: AckLike;
      try {
        ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:start', {
          departmentId: DEPARTMENT,
          question: `Flood question ${++n}: do you have this book?`,
          name: 'Flood',
        })) as AckLike;
      } catch {
        unanswered += 1;
        continue;
      }
      latencies.push(performance.now() - sentAt);
      if (ack.ok) {
        created += 1;
      } else {
        countInto(refusedStarts, ack.error?.code ?? 'unknown');
        if (config.backoffMs > 0) await sleep(config.backoffMs);
      }
    }
  };
  await Promise.all(sockets.flatMap((socket) => Array.from({ length: config.inflight }, () => loop(socket))));
  const floodMs = performance.now() - started;
  for (const socket of sockets) {
    socket.removeAllListeners('disconnect'); // the flood's own disconnects are not the server's doing
    socket.disconnect();
  }
  const result: FloodResult = {
    opened: sockets.length,
    refused,
    droppedByServer,
    created,
    refusedStarts,
    unanswered,
    floodMs,
    startLatency: summarize(latencies),
  };
  await new Promise<void>((done) => (process.send ? process.send({ type: 'result', result }, () => done()) : done()));
}

// ---------------------------------------------------------------- the librarian and the honest patrons

interface Attempt {
  atMs: number;
  outcome: string;
  ms: number;
}

interface HonestPatron {
  address: string;
  attempts: Attempt[];
  gotIn: boolean;
  /** From the first attempt to the chat started. */
  gotInAfterMs: number | null;
  /** The address the server recorded for the chat (as alice's queue shows it). */
  seenAs: string | null;
}

/** Tries to start one chat every second from `address` until it gets in or `until` passes. */
async function honestPatron(url: string, address: string, until: number, t0: number): Promise<HonestPatron> {
  const patron: HonestPatron = { address, attempts: [], gotIn: false, gotInAfterMs: null, seenAs: null };
  const firstAt = performance.now();
  let socket: Socket | null = null;
  while (performance.now() < until && !patron.gotIn) {
    const at = performance.now();
    if (!socket?.connected) {
      socket?.disconnect();
      const opened = await open(`${url}/patron`, address === '127.0.0.1' ? {} : { localAddress: address });
      if (typeof opened === 'string') {
        patron.attempts.push({ atMs: at - t0, outcome: `socket refused: ${opened}`, ms: performance.now() - at });
        await sleep(Math.max(0, 1000 - (performance.now() - at)));
        continue;
      }
      socket = opened;
    }
    try {
      const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:start', {
        departmentId: DEPARTMENT,
        question: `Honest question from ${address}`,
        name: `Honest ${address}`,
      })) as AckLike;
      patron.attempts.push({
        atMs: at - t0,
        outcome: ack.ok ? 'ok' : (ack.error?.code ?? 'refused'),
        ms: performance.now() - at,
      });
      if (ack.ok) {
        patron.gotIn = true;
        patron.gotInAfterMs = performance.now() - firstAt;
      }
    } catch {
      patron.attempts.push({ atMs: at - t0, outcome: 'no answer', ms: performance.now() - at });
    }
    if (!patron.gotIn) await sleep(Math.max(0, 1000 - (performance.now() - at)));
  }
  socket?.disconnect();
  return patron;
}

type Phase = 'baseline' | 'flood' | 'after';

async function main(): Promise<void> {
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  const serverRoot = resolve(values['server-root'] ?? repoRoot);
  const out = values.out ?? 'reports/bench/address-flood.json';
  const serverCommit = commitOf(serverRoot);
  console.log(`address-flood: ${JSON.stringify(config)}; server from ${serverRoot} (${serverCommit})`);

  const dataDir = mkdtempSync(join(tmpdir(), 'deskbell-flood-'));
  let server: ChildServer | null = null;
  let floodProcess: ReturnType<typeof fork> | null = null;
  const hardStop = setTimeout(
    () => {
      console.error('address-flood: took too long; giving up');
      floodProcess?.kill('SIGKILL');
      killChildren();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(3);
    },
    config.baselineMs + config.floodMs + config.afterMs + 120_000,
  );
  hardStop.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      floodProcess?.kill('SIGKILL');
      killChildren();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    const port = await freePort();
    server = await startChildServer({
      root: serverRoot,
      args: ['--demo', '--port', String(port), '--data-dir', dataDir],
      env: { DATABASE_URL: '', NODE_ENV: 'production' },
    });
    const url = `http://127.0.0.1:${port}`;

    // --- alice, Online, timing her requests
    const token = await demoLogin(url, 'alice');
    const alice = await open(`${url}/operator`, { auth: { token } });
    if (typeof alice === 'string') throw new Error(`alice could not connect: ${alice}`);
    const status = (await alice.timeout(ACK_TIMEOUT_MS).emitWithAck('status:set', { status: 'online' })) as AckLike;
    if (!status.ok) throw new Error(`alice could not go Online: ${JSON.stringify(status.error)}`);
    let chatNew = 0;
    const honestChats = new Map<string, string | null>();
    alice.on('chat:new', (chat: { patron?: { name?: string | null; ip?: string | null } }) => {
      chatNew += 1;
      const name = chat.patron?.name ?? '';
      if (name.startsWith('Honest ')) honestChats.set(name.slice('Honest '.length), chat.patron?.ip ?? null);
    });
    let aliceDropped = 0;
    alice.on('disconnect', () => (aliceDropped += 1));

    let phase: Phase = 'baseline';
    const samples: Record<Phase, number[]> = { baseline: [], flood: [], after: [] };
    const timeouts: Record<Phase, number> = { baseline: 0, flood: 0, after: 0 };
    let pinging = true;
    const pings: Array<Promise<void>> = [];
    const pingLoop = (async () => {
      while (pinging) {
        const sentIn = phase;
        const sentAt = performance.now();
        pings.push(
          (async () => {
            try {
              await alice.timeout(ACK_TIMEOUT_MS).emitWithAck('operators:list', {});
              samples[sentIn].push(performance.now() - sentAt);
            } catch {
              timeouts[sentIn] += 1;
              samples[sentIn].push(ACK_TIMEOUT_MS);
            }
          })(),
        );
        await sleep(Math.max(0, config.pingMs - (performance.now() - sentAt)));
      }
    })();

    const t0 = performance.now();
    await sleep(config.baselineMs);

    // --- the flood, in its own process
    phase = 'flood';
    const floodStartedAt = performance.now();
    const child = fork(fileURLToPath(import.meta.url), [
      '--role',
      'flood',
      '--url',
      url,
      '--sockets',
      String(config.sockets),
      '--seconds',
      String(config.floodMs / 1000),
      '--inflight',
      String(config.inflight),
      '--backoff-ms',
      String(config.backoffMs),
    ]);
    floodProcess = child;
    let flooding: () => void = () => {};
    const floodRunning = new Promise<void>((done) => (flooding = done));
    const floodDone = new Promise<FloodResult>((done, fail) => {
      child.on('message', (message: { type: string; result?: FloodResult }) => {
        if (message.type === 'flooding') flooding();
        if (message.type === 'result' && message.result) done(message.result);
      });
      child.once('exit', (code) => fail(new Error(`the flood process exited with ${code} before it reported`)));
    });
    await Promise.race([floodRunning, floodDone]);
    const socketsOpenAfterMs = performance.now() - floodStartedAt;
    const honestUntil = performance.now() + config.floodMs + config.afterMs + 1000;
    const honest = sleep(config.floodMs / 2).then(() =>
      Promise.all([honestPatron(url, '127.0.0.1', honestUntil, t0), honestPatron(url, '127.0.0.2', honestUntil, t0)]),
    );
    const floodResult = await floodDone;
    const floodEndedAt = performance.now();
    phase = 'after';
    const [honestPatrons] = await Promise.all([honest, sleep(config.afterMs)]);
    pinging = false;
    await pingLoop;
    await Promise.all(pings);
    for (const patron of honestPatrons) patron.seenAs = honestChats.get(patron.address) ?? null;
    alice.disconnect();
    const serverRssMiB = readRss(server.process.pid);

    // --- report
    const latency = {
      baseline: summarize(samples.baseline),
      flood: summarize(samples.flood),
      after: summarize(samples.after),
    };
    const refusedStarts = Object.values(floodResult.refusedStarts).reduce((a, b) => a + b, 0);
    const socketsRefused = Object.values(floodResult.refused).reduce((a, b) => a + b, 0);
    const result = {
      config,
      serverRoot,
      serverCommit,
      flood: {
        ...floodResult,
        socketsOpenAfterMs,
        chatsPerSecond: floodResult.created / (floodResult.floodMs / 1000),
        refusedStartsTotal: refusedStarts,
        socketsRefused,
        aliceSawChatNew: chatNew,
        wallMs: floodEndedAt - floodStartedAt,
      },
      aliceAckLatencyMs: latency,
      aliceTimeouts: timeouts,
      aliceDisconnects: aliceDropped,
      honestPatrons,
      serverRssMiB,
    };
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    const json = (value: object) => (Object.keys(value).length > 0 ? JSON.stringify(value) : '-');
    console.log('');
    console.log(`address flood: ${config.sockets} sockets from 127.0.0.1 against ${serverRoot} (${serverCommit})`);
    console.log(
      `  sockets: ${floodResult.opened} opened, ${socketsRefused} refused ${json(floodResult.refused)}, ` +
        `dropped by the server ${json(floodResult.droppedByServer)}`,
    );
    console.log(
      `  chat:start: ${floodResult.created} created in ${(floodResult.floodMs / 1000).toFixed(1)} s = ` +
        `${result.flood.chatsPerSecond.toFixed(0)} chats/s; ${refusedStarts} refused ${json(floodResult.refusedStarts)}; ` +
        `${floodResult.unanswered} unanswered; alice saw ${chatNew} chat:new`,
    );
    for (const name of ['baseline', 'flood', 'after'] as const) {
      console.log(
        `  alice operators:list ${name.padEnd(8)} n=${String(latency[name].count).padStart(4)}  p50 ${ms(latency[name].p50)}  ` +
          `p99 ${ms(latency[name].p99)}  max ${ms(latency[name].max)}  timeouts ${timeouts[name]}`,
      );
    }
    console.log(
      `  flood / baseline: p50 ${(latency.flood.p50 / latency.baseline.p50).toFixed(1)}x, ` +
        `p99 ${(latency.flood.p99 / latency.baseline.p99).toFixed(1)}x`,
    );
    for (const patron of honestPatrons) {
      const outcomes = patron.attempts.map((attempt) => attempt.outcome);
      console.log(
        `  honest patron from ${patron.address}: ${patron.gotIn ? `got in after ${((patron.gotInAfterMs ?? 0) / 1000).toFixed(1)} s` : 'did NOT get in'}` +
          ` (${patron.attempts.length} attempts: ${[...new Set(outcomes)].join(', ')}; server saw ${patron.seenAs ?? '?'})`,
      );
    }
    console.log(`  server RSS at the end ${serverRssMiB.toFixed(0)} MiB`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2));
    console.log(`  written to ${out}`);
  } finally {
    floodProcess?.kill('SIGKILL');
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function readRss(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

if (values.role === 'flood') {
  if (!values.url || !/^http:\/\/127\.0\.0\.1:\d+$/.test(values.url)) {
    console.error('address-flood: --role flood needs --url http://127.0.0.1:PORT');
    process.exit(2);
  }
  flood(values.url).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`address-flood (flood process): ${String(error)}`);
      process.exit(1);
    },
  );
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`address-flood: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
