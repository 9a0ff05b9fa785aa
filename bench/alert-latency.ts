/**
 * bench/alert-latency: how long from a patron's new chat to its arrival at the
 * operators, with 1,000 patron sockets and 20 operator sockets connected.
 *
 *   npx tsx bench/alert-latency.ts [--patrons 1000] [--operators 20] [--chats 1000] [--rate 50] [--rounds 1]
 *
 * Each round measures, in the same run and with the same clients and pacing:
 *   1. a bare socket.io relay (bench/bare-relay-server.ts): the floor;
 *   2. Deskbell (server/main.ts --demo over a fresh SQLite file).
 * A sample is one (chat, operator) pair: from just before the patron emits
 * `chat:start` to the operator's `chat:new`. Quote the ratio, not the times:
 * this machine is noisy. Results go to stdout and reports/bench/alert-latency.json.
 */
import { connected, positiveOption, startDeskbell } from './bench-kit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { demoLogin } from './demo-login';
import { figure, reportFigures } from './figures';
import { spawnServer, type RunningServer } from './spawn-server';
import { formatSummary, summarize, type Summary } from './stats';

const { values } = parseArgs({
  options: {
    patrons: { type: 'string', default: '1000' },
    operators: { type: 'string', default: '20' },
    chats: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1' },
  },
});
const config = {
  patrons: positive('patrons', values.patrons),
  operators: positive('operators', values.operators),
  chats: positive('chats', values.chats),
  ratePerSecond: positive('rate', values.rate),
  rounds: positive('rounds', values.rounds),
};

function positive(name: string, raw: string | undefined): number {
  return positiveOption('alert-latency', name, raw);
}

const DEMO_OPERATORS = ['alice', 'bob', 'sam'];

interface Target {
  name: string;
  start(): Promise<RunningServer>;
  /** Connects one operator socket that will receive `chat:new`. */
  operator(url: string, index: number): Promise<Socket>;
}

const bareRelay: Target = {
  name: 'bare socket.io relay',
  start: () =>
    spawnServer({
      script: 'bench/bare-relay-server.ts',
      readyPattern: /listening on (\d+)/,
      toUrl: (port) => `http://127.0.0.1:${port}`,
    }),
  operator: async (url) => connected(connect(`${url}/operator`, { transports: ['websocket'], forceNew: true })),
};

function deskbell(dataDir: string): Target {
  return {
    name: 'Deskbell',
    start: () => startDeskbell({ dataDir }),
    operator: async (url, index) => {
      const username = DEMO_OPERATORS[index % DEMO_OPERATORS.length] ?? 'alice';
      const token = await demoLogin(url, username);
      const socket = await connected(
        connect(`${url}/operator`, { transports: ['websocket'], forceNew: true, auth: { token } }),
      );
      await request(socket, 'status:set', { status: 'online' });
      await request(socket, 'console:sync', { lastSeqByChat: {} });
      return socket;
    },
  };
}

async function request(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as { ok: boolean; error?: unknown };
  if (!ack.ok) throw new Error(`${event} refused: ${JSON.stringify(ack.error)}`);
  return ack;
}

async function measure(target: Target): Promise<{ latency: Summary; lost: number; serverRssMiB: number }> {
  const server = await target.start();
  const sockets: Socket[] = [];
  try {
    const operators: Socket[] = [];
    for (let i = 0; i < config.operators; i++) operators.push(await target.operator(server.url, i));
    sockets.push(...operators);

    const patrons: Socket[] = [];
    for (let i = 0; i < config.patrons; i += 50) {
      const batch = Array.from({ length: Math.min(50, config.patrons - i) }, () =>
        connected(connect(`${server.url}/patron`, { transports: ['websocket'], forceNew: true })),
      );
      patrons.push(...(await Promise.all(batch)));
    }
    sockets.push(...patrons);

    const sentAt = new Map<number, number>();
    const samples: number[] = [];
    const expected = config.chats * config.operators;
    let allArrived: () => void = () => {};
    const done = new Promise<void>((resolve) => (allArrived = resolve));
    for (const operator of operators) {
      operator.on('chat:new', (chat: { question?: string; payload?: { question?: string } }) => {
        const question = chat.question ?? chat.payload?.question ?? '';
        const sent = sentAt.get(Number(/bench-(\d+)/.exec(question)?.[1]));
        if (sent === undefined) return;
        samples.push(performance.now() - sent);
        if (samples.length === expected) allArrived();
      });
    }

    const intervalMs = 1000 / config.ratePerSecond;
    const startedAt = performance.now();
    for (let n = 0; n < config.chats; n++) {
      const due = startedAt + n * intervalMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const patron = patrons[n % patrons.length];
      sentAt.set(n, performance.now());
      patron?.emit('chat:start', {
        departmentId: 'general-reference',
        question: `bench-${n} Do you have the annual reports from 1998?`,
        name: `Patron ${n}`,
      });
    }
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    const serverRssMiB = server.rssMiB();
    return { latency: summarize(samples), lost: expected - samples.length, serverRssMiB };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
  }
}

const dataRoot = mkdtempSync(join(tmpdir(), 'deskbell-bench-'));
const rounds: Array<{ relay: Awaited<ReturnType<typeof measure>>; deskbell: Awaited<ReturnType<typeof measure>> }> = [];
try {
  console.log(`alert-latency: ${JSON.stringify(config)}`);
  for (let round = 1; round <= config.rounds; round++) {
    const relay = await measure(bareRelay);
    const desk = await measure(deskbell(join(dataRoot, `round-${round}`)));
    rounds.push({ relay, deskbell: desk });
    console.log(`round ${round}`);
    console.log(
      `  ${formatSummary(bareRelay.name, relay.latency)}  lost ${relay.lost}  server RSS ${relay.serverRssMiB.toFixed(0)} MiB`,
    );
    console.log(
      `  ${formatSummary('Deskbell', desk.latency)}  lost ${desk.lost}  server RSS ${desk.serverRssMiB.toFixed(0)} MiB`,
    );
    console.log(
      `  ratio Deskbell / relay: p50 ${(desk.latency.p50 / relay.latency.p50).toFixed(2)}x, p99 ${(desk.latency.p99 / relay.latency.p99).toFixed(2)}x`,
    );
  }
  mkdirSync('reports/bench', { recursive: true });
  writeFileSync('reports/bench/alert-latency.json', JSON.stringify({ config, rounds }, null, 2));
  // Over several rounds, the median round of each side.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const at = `${config.patrons} patrons, ${config.operators} operators`;
  reportFigures(
    'alert-latency',
    (['p50', 'p99'] as const).map((which) =>
      figure({
        figure: `new-chat alert ${which} (${at})`,
        baseline: 'bare relay',
        value: median(rounds.map((round) => round.deskbell.latency[which])),
        baselineValue: median(rounds.map((round) => round.relay.latency[which])),
        unit: 'ms',
        goal: 1.5,
        better: 'lower',
      }),
    ),
  );
} finally {
  rmSync(dataRoot, { recursive: true, force: true });
}
process.exit(0);
