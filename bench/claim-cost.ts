/**
 * bench/claim-cost: what a Claim Chat costs as the queue grows, 20 waiting
 * chats beside 2,000 in the same run.
 *
 *   npx tsx bench/claim-cost.ts [--small 20] [--large 2000] [--claims 30] [--server-root DIR]
 *
 * For each queue length N: a fresh Deskbell (server/main.ts --demo over a new
 * SQLite file, address limits raised), alice Online, N + claims patrons waiting
 * in Research Help (raw /patron sockets counting every queue push, and the
 * last few as the real widget connection, src/client/patron-connection.ts).
 * Alice claims the chat at the front, one at a time, so each claim has at
 * least N chats waiting behind it; after each, the bench waits until the
 * patrons' sockets fall quiet. Per claim it records the claim's ack latency
 * and what reached the patrons: messages received, and server emits (each
 * distinct `queue:moved` is one room broadcast, each `queue:position` one
 * emit to one chat). At the end each real widget must show its exact number.
 * --server-root runs another checkout's server (before/after; see README).
 */
import { connected, OPEN_LIMITS, positiveOption } from './bench-kit';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { PatronConnection } from '../src/client/patron-connection';
import { PATRON_NAMESPACE } from '../src/protocol/patron-contract';
import { commitOf, freePort, killChildren, startChildServer, type ChildServer } from './child-server';
import { demoLogin } from './demo-login';
import { figure, reportFigures } from './figures';
import { formatSummary, summarize, type Summary } from './stats';

const BENCH_NAME = 'claim-cost';
const DEPARTMENT = 'research-help';
/** The last patrons to ask use the real widget connection, whose numbers are checked at the end. */
const WIDGETS = 5;
const QUIET_MS = 150;

const { values } = parseArgs({
  options: {
    small: { type: 'string', default: '20' },
    large: { type: 'string', default: '2000' },
    claims: { type: 'string', default: '30' },
    'server-root': { type: 'string' },
    role: { type: 'string', default: 'main' },
    url: { type: 'string' },
    count: { type: 'string', default: '0' },
  },
});
const config = {
  small: positive('small', values.small),
  large: positive('large', values.large),
  claims: positive('claims', values.claims),
  serverRoot: resolve(values['server-root'] ?? '.'),
};

function positive(name: string, raw: string | undefined): number {
  return positiveOption(BENCH_NAME, name, raw);
}

interface Ack {
  ok: boolean;
  data?: unknown;
  error?: unknown;
}

async function request(socket: Socket, event: string, payload: unknown): Promise<Ack> {
  const ack = (await socket.timeout(30_000).emitWithAck(event, payload)) as Ack;
  if (!ack.ok) throw new Error(`${event} refused: ${JSON.stringify(ack.error)}`);
  return ack;
}

/** Every queue push the patrons heard, and when the last one came. */
class QueueEars {
  received = 0;
  positions = 0;
  readonly broadcasts = new Set<string>();
  lastAt = performance.now();

  listen(socket: Socket): void {
    socket.on('queue:moved', (move: unknown) => {
      this.received += 1;
      this.broadcasts.add(JSON.stringify(move));
      this.lastAt = performance.now();
    });
    socket.on('queue:position', () => {
      this.received += 1;
      this.positions += 1;
      this.lastAt = performance.now();
    });
  }

  snapshot() {
    return { received: this.received, emits: this.broadcasts.size + this.positions };
  }

  /** Resolves once no queue push has come for QUIET_MS (at most 30 s). */
  async quiet(): Promise<void> {
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline && performance.now() - this.lastAt < QUIET_MS) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

interface Run {
  waiting: number;
  ack: Summary;
  receivedPerClaim: number;
  emitsPerClaim: number;
  wrongWidgets: number;
}

async function measure(waiting: number, dataDir: string): Promise<Run> {
  const port = await freePort();
  const server: ChildServer = await startChildServer({
    root: config.serverRoot,
    args: ['--demo', '--port', String(port), '--data-dir', dataDir],
    env: { DATABASE_URL: '', ...OPEN_LIMITS },
  });
  const url = `http://127.0.0.1:${port}`;
  const sockets: Socket[] = [];
  const widgets: PatronConnection[] = [];
  let patronsProcess: ChildProcess | undefined;
  const startPatrons = async (serverUrl: string, count: number) => {
    const child = fork(
      fileURLToPath(import.meta.url),
      ['--role', 'patrons', '--url', serverUrl, '--count', String(count)],
      {
        execArgv: ['--import', 'tsx'],
      },
    );
    patronsProcess = child;
    let pending: ((reply: PatronsReply) => void) | null = null;
    child.on('message', (reply: PatronsReply) => pending?.(reply));
    const next = () => new Promise<PatronsReply>((resolve) => (pending = resolve));
    const started = await next();
    const ask = async (what: 'quiet' | 'snapshot') => {
      const answer = next();
      child.send(what);
      return (await answer).counts;
    };
    return { queue: started.queue, ask };
  };
  try {
    const token = await demoLogin(url, 'alice');
    const alice = await connected(
      connect(`${url}/operator`, { transports: ['websocket'], forceNew: true, auth: { token } }),
    );
    sockets.push(alice);
    await request(alice, 'status:set', { status: 'online' });
    await request(alice, 'console:sync', { lastSeqByChat: {} });

    // The raw patrons live in a child process: 2,000 sockets reading their pushes would hold up alice's ack here.
    const total = waiting + config.claims;
    const patrons = await startPatrons(url, total - WIDGETS);
    const queue = [...patrons.queue];
    for (let i = 0; i < WIDGETS; i++) {
      let stored: string | null = null;
      const widget = new PatronConnection({
        url: `${url}${PATRON_NAMESPACE}`,
        departmentId: DEPARTMENT,
        tokens: { read: () => stored, write: (value) => (stored = value), clear: () => (stored = null) },
        socketOptions: { transports: ['websocket'], forceNew: true },
        ackTimeoutMs: 30_000,
      });
      widgets.push(widget);
      await until(() => widget.getState().link === 'online');
      const started = await widget.start({ question: `claim-cost widget ${i}` });
      if (!started.ok) throw new Error(`a widget could not start: ${JSON.stringify(started.error)}`);
      queue.push({ chatId: started.data.id, position: widget.getState().queuePosition ?? Number.NaN });
    }
    queue.sort((a, b) => a.position - b.position);
    // The widgets' second look (a move that crossed their start answer) and the starts' pushes settle first.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await patrons.ask('quiet');

    const latencies: number[] = [];
    const before = await patrons.ask('snapshot');
    for (const { chatId } of queue.slice(0, config.claims)) {
      const sentAt = performance.now();
      await request(alice, 'chat:claim', { chatId });
      latencies.push(performance.now() - sentAt);
      await patrons.ask('quiet');
    }
    const after = await patrons.ask('snapshot');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const expected = new Map(queue.map((entry, index) => [entry.chatId, index + 1 - config.claims]));
    const wrongWidgets = widgets.filter((widget) => {
      const state = widget.getState();
      return state.queuePosition !== expected.get(state.chat?.id ?? '');
    }).length;
    return {
      waiting,
      ack: summarize(latencies),
      receivedPerClaim: (after.received - before.received) / config.claims,
      emitsPerClaim: (after.emits - before.emits) / config.claims,
      wrongWidgets,
    };
  } finally {
    patronsProcess?.kill();
    for (const widget of widgets) widget.close();
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  }
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('a widget did not connect in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface PatronsReply {
  queue: Array<{ chatId: string; position: number }>;
  counts: { received: number; emits: number };
}

/** The child's side: `count` raw patrons ask in the queue, then answer 'quiet' and 'snapshot' over IPC. */
async function runPatrons(url: string, count: number): Promise<void> {
  const ears = new QueueEars();
  const queue: Array<{ chatId: string; position: number }> = [];
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, async (_, j) => {
      const socket = await connected(connect(`${url}/patron`, { transports: ['websocket'], forceNew: true }));
      sockets.push(socket);
      ears.listen(socket);
      const ack = await request(socket, 'chat:start', {
        departmentId: DEPARTMENT,
        question: `claim-cost ${i + j}: where are the parish registers?`,
      });
      const data = ack.data as { chat: { id: string }; queuePosition?: number | null };
      queue.push({ chatId: data.chat.id, position: data.queuePosition ?? Number.NaN });
    });
    await Promise.all(batch);
  }
  const send = (reply: PatronsReply) => process.send?.(reply);
  process.on('message', (what: string) => {
    if (what === 'snapshot') return void send({ queue: [], counts: ears.snapshot() });
    if (what !== 'quiet') return;
    // The pushes of what just happened may still be on their way: quiet counts from now.
    ears.lastAt = performance.now();
    void ears.quiet().then(() => send({ queue: [], counts: ears.snapshot() }));
  });
  process.on('disconnect', () => process.exit(0));
  send({ queue, counts: ears.snapshot() });
}

if (values.role === 'patrons') {
  await runPatrons(values.url ?? '', Number(values.count));
} else {
  await main();
}

async function main(): Promise<void> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'deskbell-claim-cost-'));
  process.on('exit', killChildren);
  try {
    console.log(`${BENCH_NAME}: ${JSON.stringify({ ...config, commit: commitOf(config.serverRoot) })}`);
    const small = await measure(config.small, join(dataRoot, 'small'));
    const large = await measure(config.large, join(dataRoot, 'large'));
    for (const run of [small, large]) {
      console.log(
        `  ${formatSummary(`${run.waiting} waiting`, run.ack)}  patrons heard ${run.receivedPerClaim.toFixed(1)} ` +
          `messages and the server emitted ${run.emitsPerClaim.toFixed(1)} per claim; widgets showing a wrong number: ${run.wrongWidgets}/${WIDGETS}`,
      );
    }
    reportFigures(BENCH_NAME, [
      figure({
        figure: `Claim Chat ack p50 at ${config.large} waiting`,
        baseline: `${config.small} waiting`,
        value: large.ack.p50,
        baselineValue: small.ack.p50,
        unit: 'ms',
        goal: 1.5,
        better: 'lower',
      }),
      figure({
        figure: `queue emits per claim at ${config.large} waiting`,
        baseline: `${config.small} waiting`,
        value: large.emitsPerClaim,
        baselineValue: small.emitsPerClaim,
        unit: 'emits',
        goal: 1,
        better: 'lower',
      }),
    ]);
    if (small.wrongWidgets + large.wrongWidgets > 0) process.exitCode = 1;
  } finally {
    rmSync(dataRoot, { recursive: true, force: true });
  }
  process.exit();
}
