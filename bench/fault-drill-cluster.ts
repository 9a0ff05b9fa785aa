/**
 * bench/fault-drill-cluster: patrons and librarians chatting through HAProxy
 * on three Deskbell nodes (PostgreSQL and Redis) while nodes are killed -9
 * and Redis is killed and started again, empty (issue 15).
 *
 *   npx tsx bench/fault-drill-cluster.ts [--patrons 200] [--kills 20] [--redis-restarts 3] [--gap 3]
 *                                        [--transfers 10] [--settle 40] [--max-seconds 600]
 *                                        [--out reports/bench/fault-drill-cluster.json]
 *
 * Everything is its own: a throwaway PostgreSQL and Redis
 * (bench/cluster-backends.ts), three nodes (server/main.ts --demo
 * --trust-proxy, DESKBELL_NODE_ID node-a/b/c, the benches' open limits) on
 * fixed free ports, started one after the other (the first migrates and
 * seeds), and HAProxy in front (scripts/cluster/haproxy-config.ts). The
 * clients are the real ones of the widget and the console (PatronConnection,
 * OperatorConnection), websocket only, all through HAProxy, as
 * bench/fault-drill-postgres.ts runs them: each patron has a chat claimed by
 * alice or bob; the supervisor sam previews (follows) every chat; everyone
 * sends a message every 200-500 ms.
 *
 * Faults, `--gap` seconds apart: `--kills` times a random node is killed -9
 * and started again on the same port at once (the drill waits until it
 * listens); `--redis-restarts` times, spread among the kills, Redis is killed
 * and a new, empty one started on the same port. A node that exits without
 * being killed is a crash: recorded and started again.
 *
 * Deadlines: the nodes run with DESKBELL_TRANSFER_TIMEOUT_SECONDS=3, and
 * `--transfers` of alice's chats are transferred to bob at different times
 * during the faults; bob never accepts. Each must come back exactly once: per
 * chat, the messages table's 'transfer-returned' events must equal its
 * 'transfer-requested' events (each transfer times out, nothing else ends it).
 *
 * Afterwards everyone stops typing, the drill waits up to `--settle` seconds
 * for every outbox to empty and every view to catch up, then counts against
 * the messages table and every client's view: acknowledged messages lost,
 * shown twice, holes, node crashes, timers fired twice (pass: lost, twice and
 * timers twice all 0; exit 1 otherwise). A table goes to stdout and
 * everything to `--out`.
 *
 * Only loopback addresses; bounded by --max-seconds; HAProxy, the nodes,
 * Redis, PostgreSQL and the temporary folders are removed on every exit,
 * failures included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { OperatorConnection } from '../src/client/operator-connection';
import { PatronConnection, type ResumeTokenStore } from '../src/client/patron-connection';
import type { Message } from '../src/protocol/models';
import { haproxyConfig } from '../scripts/cluster/haproxy-config';
import { OPEN_LIMITS } from './bench-kit';
import { commitOf, freePort, killChildren, startChildServer, type ChildExit, type ChildServer } from './child-server';
import { startBackends, type ClusterBackends } from './cluster-backends';
import { demoLogin } from './demo-login';
import { summarize } from './stats';

// ---------------------------------------------------------------- options

const { values } = parseArgs({
  options: {
    patrons: { type: 'string', default: '200' },
    kills: { type: 'string', default: '20' },
    'redis-restarts': { type: 'string', default: '3' },
    gap: { type: 'string', default: '3' },
    transfers: { type: 'string', default: '10' },
    settle: { type: 'string', default: '40' },
    'max-seconds': { type: 'string', default: '600' },
    out: { type: 'string', default: 'reports/bench/fault-drill-cluster.json' },
  },
});

function numberOption(name: string, raw: string | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    console.error(`fault-drill-cluster: --${name} must be a number from ${min} to ${max}, got ${String(raw)}`);
    process.exit(2);
  }
  return value;
}

const config = {
  patrons: Math.round(numberOption('patrons', values.patrons, 2, 2000)),
  kills: Math.round(numberOption('kills', values.kills, 0, 500)),
  redisRestarts: Math.round(numberOption('redis-restarts', values['redis-restarts'], 0, 100)),
  gapMs: numberOption('gap', values.gap, 0.1, 60) * 1000,
  transfers: Math.round(numberOption('transfers', values.transfers, 0, 100)),
  settleMs: numberOption('settle', values.settle, 1, 600) * 1000,
  maxMs: numberOption('max-seconds', values['max-seconds'], 10, 7200) * 1000,
  /** The nodes' DESKBELL_TRANSFER_TIMEOUT_SECONDS. */
  transferTimeoutSeconds: 3,
  /** Each side sends one message every 200-500 ms. */
  sendEveryMs: [200, 500] as const,
  /** A person stops typing when this many of their messages still show "Sending...". */
  maxPending: 20,
};
const out = values.out ?? 'reports/bench/fault-drill-cluster.json';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const NODE_NAMES = ['node-a', 'node-b', 'node-c'] as const;
const DEPARTMENT = 'general-reference';
const startedAt = Date.now();
const since = () => Date.now() - startedAt;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[${(since() / 1000).toFixed(1).padStart(6)} s] ${line}`);

// ---------------------------------------------------------------- cleanup, whatever happens

const workDir = mkdtempSync(join(tmpdir(), 'deskbell-cluster-drill-'));
let backends: ClusterBackends | null = null;
let haproxy: ChildProcess | null = null;
const nodes: NodeSupervisor[] = [];
const closers: Array<() => void> = [];
let cleanedUp = false;

function cleanUp(): void {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const close of closers) {
    try {
      close();
    } catch {
      // a client that cannot close is gone anyway
    }
  }
  haproxy?.kill('SIGKILL');
  for (const node of nodes) node.killNow();
  killChildren();
  if (backends) {
    try {
      backends.stop();
    } catch (error) {
      console.error(`fault-drill-cluster: could not stop PostgreSQL and Redis: ${String(error)}`);
    }
  }
  rmSync(workDir, { recursive: true, force: true });
}

process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`fault-drill-cluster: ${signal}; cleaning up`);
    cleanUp();
    process.exit(130);
  });
}
const deadline = setTimeout(() => {
  console.error(`fault-drill-cluster: still running after ${config.maxMs / 1000} s; giving up`);
  cleanUp();
  process.exit(3);
}, config.maxMs);
deadline.unref();

async function withDatabase<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- the nodes, watched

interface Crash {
  node: string;
  atMs: number;
  code: number | null;
  signal: string | null;
  unhandled: boolean;
  tail: string[];
}

/** Runs one node on its fixed port, restarts it after a crash, and keeps what it said. */
class NodeSupervisor {
  server: ChildServer | null = null;
  readonly crashes: Crash[] = [];
  readonly failedStarts: Array<{ atMs: number; error: string }> = [];
  readonly unhandledLines: string[] = [];
  /** Distinct stderr lines (digits folded) and pino error/warn messages, with counts. */
  readonly stderrKinds = new Map<string, number>();
  readonly logKinds = new Map<string, number>();
  starts = 0;
  kills = 0;
  private starting: Promise<void> | null = null;
  private stopping = false;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Starts the node unless it runs or is starting; retries every second. */
  ensureRunning(): Promise<void> {
    if (this.server) return Promise.resolve();
    this.starting ??= this.startLoop().finally(() => (this.starting = null));
    return this.starting;
  }

  async kill9(): Promise<void> {
    await this.starting;
    const server = this.server;
    this.server = null;
    this.kills += 1;
    await server?.kill9();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.starting?.catch(() => undefined);
    const server = this.server;
    this.server = null;
    await server?.stop();
  }

  killNow(): void {
    this.stopping = true;
    this.server?.process.kill('SIGKILL');
  }

  private async startLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        const server = await startChildServer({
          root: repoRoot,
          args: ['--demo', '--trust-proxy', '--port', String(this.port), '--data-dir', join(workDir, this.name)],
          env: this.env,
          startTimeoutMs: 60_000,
          onLine: (line, stream) => this.onLine(line, stream),
          onExit: (exit) => this.onExit(server, exit),
        });
        this.starts += 1;
        if (this.stopping) {
          await server.kill9();
          return;
        }
        this.server = server;
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.failedStarts.push({ atMs: since(), error: message.split('\n').slice(0, 4).join(' | ') });
        await sleep(1000);
      }
    }
  }

  private onExit(server: ChildServer, exit: ChildExit): void {
    if (this.server === server) this.server = null;
    if (exit.expected || this.stopping) return;
    const unhandled = exit.tail.some((line) => /Unhandled/i.test(line));
    this.crashes.push({
      node: this.name,
      atMs: since(),
      code: exit.code,
      signal: exit.signal,
      unhandled,
      tail: exit.tail.slice(-25),
    });
    log(`${this.name} CRASHED (exit ${exit.code ?? exit.signal})${unhandled ? ': Unhandled error' : ''}; restarting`);
    void this.ensureRunning();
  }

  private onLine(line: string, stream: 'stdout' | 'stderr'): void {
    if (line.trim() === '') return;
    if (/Unhandled/i.test(line) && this.unhandledLines.length < 50) this.unhandledLines.push(line.slice(0, 400));
    if (stream === 'stderr') {
      const kind = line.replace(/\d+/g, 'N').slice(0, 200);
      this.stderrKinds.set(kind, (this.stderrKinds.get(kind) ?? 0) + 1);
      return;
    }
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string; code?: string } };
      if ((entry.level ?? 0) < 40) return;
      const level = (entry.level ?? 0) >= 50 ? 'error' : 'warn';
      const detail = entry.err ? ` (${entry.err.code ?? ''} ${entry.err.message ?? ''})` : '';
      const kind = `${level}: ${entry.msg ?? ''}${detail}`.replace(/\d+/g, 'N').slice(0, 200);
      this.logKinds.set(kind, (this.logKinds.get(kind) ?? 0) + 1);
    } catch {
      // not a log line
    }
  }
}

/** The node behind the balancer that answered `GET /ready` ('' when none did). */
async function nodeBehind(url: string): Promise<string> {
  try {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
    return String(((await response.json()) as { node?: unknown }).node ?? '');
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------- clients

class MemoryTokens implements ResumeTokenStore {
  private token: string | null = null;
  private previous: string | null = null;
  read = () => this.token;
  write = (token: string) => void (this.token = token);
  clear = () => {
    this.previous = this.token;
    this.token = null;
  };
  readPrevious = () => this.previous;
}

interface SentRecord {
  id: string;
  chatId: string;
  author: string;
  sentAtMs: number;
  ackedAtMs: number | null;
}

/** One person at a keyboard: what they sent, what they saw acknowledged, what their view holds. */
interface Party {
  name: string;
  /** The chats this party's view must hold in full. */
  chatIds(): string[];
  view(chatId: string): readonly Message[];
  pendingCount(): number;
  refused(): Array<{ id: string; code: string }>;
  sent: Map<string, SentRecord>;
  /** Times a view held fewer messages than before (a chat forgotten, a list replaced). */
  shrinks: number;
  close(): void;
}

const randomDelay = () => config.sendEveryMs[0] + Math.random() * (config.sendEveryMs[1] - config.sendEveryMs[0]);

function markAcked(party: Party, messages: readonly Message[]): void {
  for (const message of messages) {
    const record = party.sent.get(message.id);
    if (record && record.ackedAtMs === null) record.ackedAtMs = since();
  }
}

interface PatronParty extends Party {
  connection: PatronConnection;
}

function makePatron(url: string, index: number): PatronParty {
  const connection = new PatronConnection({
    url: `${url}/patron`,
    departmentId: DEPARTMENT,
    tokens: new MemoryTokens(),
    socketOptions: { transports: ['websocket'], reconnectionDelay: 250, reconnectionDelayMax: 2000 },
  });
  let lastLength = 0;
  const party: PatronParty = {
    name: `patron ${index + 1}`,
    connection,
    sent: new Map(),
    shrinks: 0,
    chatIds: () => {
      const id = connection.getState().chat?.id;
      return id ? [id] : [];
    },
    view: () => connection.getState().messages,
    pendingCount: () => connection.getState().pending.length,
    refused: () => connection.getState().failed.map((failed) => ({ id: failed.id, code: failed.error.code })),
    close: () => connection.close(),
  };
  connection.subscribe(() => {
    const { messages } = connection.getState();
    if (messages.length < lastLength) party.shrinks += 1;
    lastLength = messages.length;
    markAcked(party, messages);
  });
  return party;
}

interface OperatorParty extends Party {
  connection: OperatorConnection;
  username: string;
  owned: string[];
  followed: string[];
  /** Episodes of the console going offline for good (logged out, refused): the drill reconnects it. */
  knockouts: Array<{ atMs: number; reason: string }>;
  problems: Map<string, number>;
}

function makeOperator(url: string, username: string, token: string): OperatorParty {
  const connection = new OperatorConnection({
    url,
    token,
    requestTimeoutMs: 8000,
    socketOptions: { transports: ['websocket'], reconnectionDelay: 250, reconnectionDelayMax: 2000 },
  });
  const lastLength = new Map<string, number>();
  let lastReason = '';
  let closing = false;
  const party: OperatorParty = {
    name: username,
    username,
    connection,
    owned: [],
    followed: [],
    knockouts: [],
    problems: new Map(),
    sent: new Map(),
    shrinks: 0,
    chatIds: () => [...new Set([...party.owned, ...party.followed])],
    view: (chatId) => connection.messages(chatId),
    pendingCount: () => party.owned.reduce((sum, chatId) => sum + connection.pending(chatId).length, 0),
    refused: () =>
      party.owned.flatMap((chatId) =>
        connection.refused(chatId).map((failed) => ({ id: failed.id, code: failed.error.code })),
      ),
    close: () => {
      closing = true;
      connection.close();
    },
  };
  connection.subscribe((event) => {
    if (event.type === 'messages') {
      if (event.messages.length < (lastLength.get(event.chatId) ?? 0)) party.shrinks += 1;
      lastLength.set(event.chatId, event.messages.length);
      markAcked(party, event.messages);
    } else if (event.type === 'problem' || event.type === 'unauthorized') {
      lastReason = `${event.type}: ${event.message}`;
      const kind = lastReason.replace(/\d+/g, 'N').slice(0, 160);
      party.problems.set(kind, (party.problems.get(kind) ?? 0) + 1);
    } else if (event.type === 'state' && event.state === 'offline' && !closing) {
      // The console gave up (what a librarian sees as "logged out" or "offline"). A person would
      // log in again or press reconnect; the drill counts it and reconnects, to go on measuring.
      party.knockouts.push({ atMs: since(), reason: lastReason });
      log(`${username}'s console went offline for good (${lastReason}); reconnecting it in 2 s`);
      setTimeout(() => {
        if (!closing) connection.connect();
      }, 2000);
    }
  });
  return party;
}

function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 50);
    };
    poll();
  });
}

// ---------------------------------------------------------------- checks

interface DbMessage {
  chat_id: string;
  id: string;
  seq: number;
  author_kind: string;
}

interface ViewCheck {
  party: string;
  chatId: string;
  held: number;
  duplicateIds: number;
  duplicateSeqs: number;
  holes: number[];
  behind: number;
  notStored: number;
  mismatched: number;
  ackedMissing: number;
}

function checkView(
  party: Party,
  chatId: string,
  view: readonly Message[],
  db: { bySeq: Map<number, DbMessage>; lastSeq: number },
  ackedInChat: readonly SentRecord[],
): ViewCheck {
  const ids = new Set<string>();
  const seqs = new Set<number>();
  let duplicateIds = 0;
  let duplicateSeqs = 0;
  let notStored = 0;
  let mismatched = 0;
  for (const message of view) {
    if (ids.has(message.id)) duplicateIds += 1;
    if (seqs.has(message.seq)) duplicateSeqs += 1;
    ids.add(message.id);
    seqs.add(message.seq);
    const stored = db.bySeq.get(message.seq);
    if (!stored) notStored += 1;
    else if (stored.id !== message.id) mismatched += 1;
  }
  const maxHeld = Math.max(0, ...seqs);
  const holes: number[] = [];
  for (let seq = 1; seq < maxHeld; seq++) if (!seqs.has(seq)) holes.push(seq);
  const ackedMissing = ackedInChat.filter((record) => !ids.has(record.id)).length;
  return {
    party: party.name,
    chatId,
    held: view.length,
    duplicateIds,
    duplicateSeqs,
    holes,
    behind: Math.max(0, db.lastSeq - maxHeld),
    notStored,
    mismatched,
    ackedMissing,
  };
}

// ---------------------------------------------------------------- the drill

interface Fault {
  kind: string;
  atMs: number;
  /** When the fault was over: the node listening again, or Redis answering again. */
  endMs: number;
}

interface TransferRecord {
  chatId: string;
  atMs: number;
  /** Attempts until one was acknowledged (a node going away can eat one). */
  attempts: number;
  acknowledged: boolean;
  error: string | null;
  /** When alice's console heard chat:transfer-returned for it (null: never heard). */
  returnedHeardAtMs: number | null;
}

/** Chat events from the `event` column (JSON text, or an object if the driver parsed it). */
function eventType(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  try {
    const event = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { type?: unknown };
    return typeof event.type === 'string' ? event.type : null;
  } catch {
    return null;
  }
}

async function main(): Promise<boolean> {
  log(`fault-drill-cluster: ${JSON.stringify(config)}`);
  backends = await startBackends(workDir);
  const databaseUrl = await backends.newDatabase();
  log(`PostgreSQL and Redis (${backends.redisUrl}) up`);

  const nodeEnv: NodeJS.ProcessEnv = {
    ...OPEN_LIMITS,
    DATABASE_URL: databaseUrl,
    REDIS_URL: backends.redisUrl,
    NODE_ENV: 'production',
    DESKBELL_TRANSFER_TIMEOUT_SECONDS: String(config.transferTimeoutSeconds),
  };
  for (const name of NODE_NAMES) {
    const node = new NodeSupervisor(name, await freePort(), { ...nodeEnv, DESKBELL_NODE_ID: name });
    nodes.push(node);
    await node.ensureRunning(); // one after the other: the first migrates and seeds
    log(`${name} listening on 127.0.0.1:${node.port}`);
  }

  const bindPort = await freePort();
  const configFile = join(workDir, 'haproxy.cfg');
  writeFileSync(
    configFile,
    haproxyConfig({
      bindHost: '127.0.0.1',
      bindPort,
      checkEveryMs: 500,
      nodes: nodes.map((node) => ({ name: node.name, host: '127.0.0.1', port: node.port })),
    }),
  );
  haproxy = spawn('haproxy', ['-f', configFile, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const haproxyErrors: string[] = [];
  haproxy.stderr?.on('data', (chunk: Buffer) => {
    if (haproxyErrors.length < 200) haproxyErrors.push(...chunk.toString().split('\n').filter(Boolean));
  });
  haproxy.once('exit', (code, signal) => {
    if (!cleanedUp) log(`HAProxy exited (${code ?? signal})`);
  });
  const url = `http://127.0.0.1:${bindPort}`;
  {
    const seen = new Set<string>();
    const started = Date.now();
    while (seen.size < NODE_NAMES.length) {
      if (Date.now() - started > 30_000) throw new Error(`HAProxy reached only ${[...seen].join(', ') || 'no node'}`);
      seen.add(await nodeBehind(url));
      seen.delete('');
      await sleep(100);
    }
  }
  log(`HAProxy on ${url}, reaching all three nodes`);

  // --- the people
  const operators = new Map<string, OperatorParty>();
  for (const username of ['alice', 'bob', 'sam']) {
    const party = makeOperator(url, username, await demoLogin(url, username));
    closers.push(() => party.close());
    operators.set(username, party);
    party.connection.connect();
  }
  const all = [...operators.values()];
  await waitFor('the consoles to connect', () => all.every((party) => party.connection.state === 'connected'));
  for (const party of all) {
    const ack = await party.connection.setStatus('online');
    if (!ack.ok) throw new Error(`${party.username} could not go Online: ${ack.error.message}`);
  }
  const alice = operators.get('alice');
  const bob = operators.get('bob');
  const sam = operators.get('sam');
  if (!alice || !bob || !sam) throw new Error('a demo operator is missing');
  const bobId = await withDatabase(databaseUrl, async (client) => {
    const result = await client.query<{ id: string }>("SELECT id FROM accounts WHERE username = 'bob'");
    return result.rows[0]?.id;
  });
  if (!bobId) throw new Error('no account for bob');

  const patrons: PatronParty[] = [];
  for (let i = 0; i < config.patrons; i++) {
    const patron = makePatron(url, i);
    closers.push(() => patron.close());
    patrons.push(patron);
  }
  await waitFor(
    'the patrons to connect',
    () => patrons.every((p) => p.connection.getState().link === 'online'),
    60_000,
  );
  const chatOwner = new Map<string, OperatorParty>();
  const chatPatron = new Map<string, PatronParty>();
  for (const [i, patron] of patrons.entries()) {
    let ack = await patron.connection.start({ question: `Drill question ${i + 1}`, name: `Drill patron ${i + 1}` });
    for (let attempt = 0; !ack.ok && ack.error.code === 'RATE_LIMITED' && attempt < 30; attempt++) {
      await sleep(1000);
      ack = await patron.connection.start({ question: `Drill question ${i + 1}`, name: `Drill patron ${i + 1}` });
    }
    if (!ack.ok) throw new Error(`${patron.name} could not start a chat: ${ack.error.code} ${ack.error.message}`);
    const owner = i % 2 === 0 ? alice : bob;
    const claimed = await owner.connection.claim(ack.data.id);
    if (!claimed.ok) throw new Error(`${owner.username} could not claim: ${claimed.error.message}`);
    owner.owned.push(ack.data.id);
    chatOwner.set(ack.data.id, owner);
    chatPatron.set(ack.data.id, patron);
  }
  for (const chatId of chatOwner.keys()) {
    const preview = await sam.connection.preview(chatId);
    if (!preview.ok) throw new Error(`sam could not preview ${chatId}: ${preview.error.message}`);
    sam.followed.push(chatId);
  }
  const chatIds = [...chatOwner.keys()];
  log(`${patrons.length} chats claimed by alice and bob, all followed by sam; chatting`);

  // --- the chatting
  let typing = true;
  const loops: Array<Promise<void>> = [];
  const typeLoop = (party: Party, sendOne: (n: number) => SentRecord | null) =>
    (async () => {
      let n = 0;
      while (typing) {
        await sleep(randomDelay());
        if (!typing || party.pendingCount() >= config.maxPending) continue;
        const record = sendOne(++n);
        if (record) party.sent.set(record.id, record);
      }
    })();
  for (const patron of patrons) {
    loops.push(
      typeLoop(patron, (n) => {
        const chatId = patron.chatIds()[0];
        const id = chatId ? patron.connection.send(`${patron.name} says #${n}`) : null;
        return id && chatId ? { id, chatId, author: patron.name, sentAtMs: since(), ackedAtMs: null } : null;
      }),
    );
  }
  for (const owner of [alice, bob]) {
    loops.push(
      // One librarian types one message at a time, in one chat after another.
      typeLoop(owner, (n) => {
        const chatId = owner.owned[n % owner.owned.length];
        const pending = chatId ? owner.connection.send(chatId, `${owner.username} answers #${n}`) : null;
        return pending
          ? { id: pending.id, chatId: pending.chatId, author: owner.name, sentAtMs: since(), ackedAtMs: null }
          : null;
      }),
    );
  }

  // --- transfers bob never accepts, spread over the faults
  const transfers: TransferRecord[] = [];
  const transferChats = alice.owned.slice(0, Math.min(config.transfers, alice.owned.length));
  alice.connection.subscribe((event) => {
    if (event.type !== 'transfer-returned') return;
    const record = transfers.find((t) => t.chatId === event.chat.id && t.returnedHeardAtMs === null);
    if (record) record.returnedHeardAtMs = since();
  });
  const transferTasks: Array<Promise<void>> = [];
  const launchTransfer = (chatId: string) =>
    transferTasks.push(
      (async () => {
        const record: TransferRecord = {
          chatId,
          atMs: since(),
          attempts: 0,
          acknowledged: false,
          error: null,
          returnedHeardAtMs: null,
        };
        transfers.push(record);
        log(`alice transfers chat ${transfers.length} of ${transferChats.length} to bob (who will not accept)`);
        // An attempt whose answer is lost with its node may have been stored: ask again only after
        // checking the table, so one transfer is one transfer.
        while (record.attempts < 5 && !record.acknowledged) {
          record.attempts += 1;
          const ack = await alice.connection.transfer({ chatId, to: { kind: 'operator', id: bobId } });
          if (ack.ok) {
            record.acknowledged = true;
            record.error = null;
            break;
          }
          record.error = `${ack.error.code}: ${ack.error.message}`;
          await sleep(1000);
          const requested = await withDatabase(databaseUrl, async (client) => {
            const result = await client.query<{ event: unknown }>(
              'SELECT event FROM messages WHERE chat_id = $1 AND event IS NOT NULL',
              [chatId],
            );
            return result.rows.filter((row) => eventType(row.event) === 'transfer-requested').length;
          }).catch(() => 0);
          if (requested > 0) {
            record.error += ' (stored anyway)';
            break;
          }
        }
      })(),
    );
  // Spread over the faults: transfer i goes out a moment after fault floor(i * faults / transfers) starts,
  // so some deadlines fall due while a node is down or Redis is empty.
  const faultCount = config.kills + config.redisRestarts;
  const transfersAtFault = new Map<number, string[]>();
  for (const [i, chatId] of transferChats.entries()) {
    const at = faultCount === 0 ? 0 : Math.floor((i * faultCount) / transferChats.length);
    transfersAtFault.set(at, [...(transfersAtFault.get(at) ?? []), chatId]);
  }
  let faultIndex = 0;
  const faultStarts = () => {
    const due = transfersAtFault.get(faultIndex) ?? [];
    faultIndex += 1;
    for (const [k, chatId] of due.entries()) void sleep(500 + k * 1500).then(() => launchTransfer(chatId));
  };
  if (faultCount === 0) faultStarts();

  // --- the faults
  const faults: Fault[] = [];
  const redisAfterKill = new Set<number>();
  for (let r = 1; r <= config.redisRestarts; r++) {
    redisAfterKill.add(Math.round((r * config.kills) / (config.redisRestarts + 1)));
  }
  await sleep(config.gapMs);
  const restartRedis = async (label: string) => {
    log(`${label}: kill Redis, start an empty one on the same port`);
    const atMs = since();
    faultStarts();
    await backends?.restartRedis();
    faults.push({ kind: 'restart Redis', atMs, endMs: since() });
    await sleep(config.gapMs);
  };
  if (redisAfterKill.has(0)) await restartRedis('before the kills');
  for (let kill = 1; kill <= config.kills; kill++) {
    const node = nodes[Math.floor(Math.random() * nodes.length)];
    if (!node) continue;
    log(`kill ${kill}: kill -9 ${node.name}`);
    const atMs = since();
    faultStarts();
    await node.kill9();
    await node.ensureRunning();
    faults.push({ kind: `kill -9 ${node.name}`, atMs, endMs: since() });
    await sleep(config.gapMs);
    if (redisAfterKill.has(kill)) await restartRedis(`after kill ${kill}`);
  }
  for (const r of [...redisAfterKill].filter((k) => k > config.kills)) await restartRedis(`extra ${r}`);
  // Transfers launched with the last fault go out up to 1.5 s apart.
  await sleep(2_000 + Math.max(0, ...[...transfersAtFault.values()].map((due) => due.length)) * 1500);
  await Promise.all(transferTasks);
  // The last transfer's deadline must pass (and an upkeep tick act on it) before the counts.
  await sleep((config.transferTimeoutSeconds + 3) * 1000);

  // --- settle
  log('everyone stops typing; waiting for outboxes and views to settle');
  typing = false;
  await Promise.all(loops);
  const parties: Party[] = [...patrons, ...all];
  const readLastSeqs = () =>
    withDatabase(databaseUrl, async (client) => {
      const result = await client.query<{ id: string; last_seq: number }>(
        'SELECT id, last_seq FROM chats WHERE id = ANY($1)',
        [chatIds],
      );
      return new Map(result.rows.map((row) => [row.id, Number(row.last_seq)]));
    });
  const settleStart = Date.now();
  let settled = false;
  while (Date.now() - settleStart < config.settleMs) {
    await Promise.all(nodes.map((node) => node.ensureRunning()));
    const lastSeqs = await readLastSeqs().catch(() => null);
    const quiet = parties.every((party) => party.pendingCount() === 0);
    const caughtUp =
      lastSeqs !== null &&
      parties.every((party) =>
        party.chatIds().every((chatId) => {
          const view = party.view(chatId);
          const last = lastSeqs.get(chatId) ?? 0;
          return view.length === last && (view.at(-1)?.seq ?? 0) === last;
        }),
      );
    if (quiet && caughtUp) {
      settled = true;
      break;
    }
    await sleep(1000);
  }
  const settleMs = Date.now() - settleStart;
  log(
    settled
      ? `settled in ${(settleMs / 1000).toFixed(1)} s`
      : `not settled after ${settleMs / 1000} s; checking anyway`,
  );

  // --- check
  const { rows: dbRows, lastSeqs } = await withDatabase(databaseUrl, async (client) => {
    const messages = await client.query<DbMessage & { event: unknown }>(
      'SELECT chat_id, id, seq, author_kind, event FROM messages WHERE chat_id = ANY($1) ORDER BY chat_id, seq',
      [chatIds],
    );
    const chats = await client.query<{ id: string; last_seq: number; status: string; owner: string | null }>(
      `SELECT c.id, c.last_seq, c.status, a.username AS owner
         FROM chats c LEFT JOIN accounts a ON a.id = c.owner_id WHERE c.id = ANY($1)`,
      [chatIds],
    );
    return { rows: messages.rows, lastSeqs: chats.rows };
  });
  const dbByChat = new Map<string, { bySeq: Map<number, DbMessage>; ids: Set<string>; lastSeq: number }>();
  for (const chat of lastSeqs)
    dbByChat.set(chat.id, { bySeq: new Map(), ids: new Set(), lastSeq: Number(chat.last_seq) });
  let dbDuplicateIds = 0;
  let dbDuplicateSeqs = 0;
  const eventsByChat = new Map<string, Record<string, number>>();
  for (const row of dbRows) {
    const chat = dbByChat.get(row.chat_id);
    if (!chat) continue;
    const seq = Number(row.seq);
    if (chat.bySeq.has(seq)) dbDuplicateSeqs += 1;
    if (chat.ids.has(row.id)) dbDuplicateIds += 1;
    chat.bySeq.set(seq, { chat_id: row.chat_id, id: row.id, author_kind: row.author_kind, seq });
    chat.ids.add(row.id);
    const type = eventType(row.event);
    if (type) {
      const counts = eventsByChat.get(row.chat_id) ?? {};
      counts[type] = (counts[type] ?? 0) + 1;
      eventsByChat.set(row.chat_id, counts);
    }
  }
  let dbHoles = 0;
  for (const chat of dbByChat.values()) {
    for (let seq = 1; seq <= chat.lastSeq; seq++) if (!chat.bySeq.has(seq)) dbHoles += 1;
  }

  // Deadlines: per chat, every transfer that was requested (and neither accepted nor declined) returns once.
  const timerChecks = [...new Set([...transferChats, ...eventsByChat.keys()])]
    .map((chatId) => {
      const counts = eventsByChat.get(chatId) ?? {};
      const requested = counts['transfer-requested'] ?? 0;
      const endedOtherwise = (counts['transfer-accepted'] ?? 0) + (counts['transfer-declined'] ?? 0);
      const timedOut = requested - endedOtherwise;
      const returned = counts['transfer-returned'] ?? 0;
      return { chatId, requested, timedOut, returned, heard: transfers.find((t) => t.chatId === chatId) ?? null };
    })
    .filter((check) => check.requested > 0 || check.returned > 0 || transferChats.includes(check.chatId));
  const timersFiredTwice = timerChecks.reduce((total, c) => total + Math.max(0, c.returned - c.timedOut), 0);
  const timersNeverFired = timerChecks.reduce((total, c) => total + Math.max(0, c.timedOut - c.returned), 0);

  const allSent = parties.flatMap((party) => [...party.sent.values()]);
  const acked = allSent.filter((record) => record.ackedAtMs !== null);
  const ackedLostFromDb = acked.filter((record) => !dbByChat.get(record.chatId)?.ids.has(record.id));
  const refusedAll = parties.flatMap((party) => party.refused().map((refusal) => ({ ...refusal, party: party.name })));
  const refusedByCode: Record<string, number> = {};
  for (const refusal of refusedAll) refusedByCode[refusal.code] = (refusedByCode[refusal.code] ?? 0) + 1;
  const refusedIds = new Set(refusedAll.map((refusal) => refusal.id));
  const refusedButStored = allSent.filter(
    (record) => refusedIds.has(record.id) && dbByChat.get(record.chatId)?.ids.has(record.id),
  ).length;
  const stillPending = parties.reduce((sum, party) => sum + party.pendingCount(), 0);

  const views: ViewCheck[] = [];
  for (const chatId of chatIds) {
    const db = dbByChat.get(chatId) ?? { bySeq: new Map(), ids: new Set(), lastSeq: 0 };
    const ackedInChat = acked.filter((record) => record.chatId === chatId);
    const viewers = [chatPatron.get(chatId), chatOwner.get(chatId), sam].filter(
      (party): party is PatronParty | OperatorParty => party !== undefined,
    );
    for (const party of viewers) views.push(checkView(party, chatId, party.view(chatId), db, ackedInChat));
  }
  const sum = (pick: (view: ViewCheck) => number) => views.reduce((total, view) => total + pick(view), 0);
  const byParty = (pick: (view: ViewCheck) => number) => {
    const result: Record<string, number> = {};
    for (const view of views) if (pick(view) > 0) result[view.party] = (result[view.party] ?? 0) + pick(view);
    return result;
  };

  // Recovery: after each fault, how long until every party had a send acknowledged again.
  const recoveries = faults.map((fault, index) => {
    const until = faults[index + 1]?.atMs ?? Number.POSITIVE_INFINITY;
    const perParty = parties
      .filter((party) => party.sent.size > 0)
      .map((party) => {
        const next = [...party.sent.values()]
          .map((record) => record.ackedAtMs)
          .filter((at): at is number => at !== null && at >= fault.endMs && at < until)
          .sort((a, b) => a - b)[0];
        return next === undefined ? null : next - fault.endMs;
      });
    const recovered = perParty.every((value) => value !== null);
    return {
      ...fault,
      downMs: fault.endMs - fault.atMs,
      allRecoveredAfterMs: recovered ? Math.max(...(perParty as number[])) : null,
      partiesNotRecovered: perParty.filter((value) => value === null).length,
    };
  });

  const ackLatency = summarize(
    acked.map((record) => (record.ackedAtMs ?? record.sentAtMs) - record.sentAtMs).filter((ms) => ms >= 0),
  );
  const knockouts = all.flatMap((party) => party.knockouts.map((k) => ({ operator: party.username, ...k })));
  const crashes = nodes.flatMap((node) => node.crashes);
  const ownersAtEnd: Record<string, number> = {};
  for (const chat of lastSeqs) {
    const key = `${chat.status}:${chat.owner ?? 'nobody'}`;
    ownersAtEnd[key] = (ownersAtEnd[key] ?? 0) + 1;
  }
  const ownerChanged = lastSeqs.filter((chat) => chat.owner !== chatOwner.get(chat.id)?.username).length;
  const result = {
    config: { ...config, commit: commitOf(repoRoot), nodes: nodes.map((n) => ({ name: n.name, port: n.port })) },
    durationMs: since(),
    settled,
    settleMs,
    sent: allSent.length,
    acknowledged: acked.length,
    storedMessages: dbRows.length,
    ackLatencyMs: ackLatency,
    criteria: {
      acknowledgedLost: ackedLostFromDb.length + sum((view) => view.ackedMissing),
      shownTwice: sum((view) => view.duplicateIds + view.duplicateSeqs),
      holes: sum((view) => view.holes.length),
      nodeCrashes: crashes.length,
      timersFiredTwice,
    },
    details: {
      acknowledgedNotInDatabase: ackedLostFromDb.map(({ id, chatId, author }) => ({ id, chatId, author })),
      acknowledgedMissingFromViews: byParty((view) => view.ackedMissing),
      holesByParty: byParty((view) => view.holes.length),
      viewsBehindDatabase: byParty((view) => view.behind),
      shownButNotStored: sum((view) => view.notStored),
      seqWithOtherMessage: sum((view) => view.mismatched),
      viewShrinks: parties.reduce((total, party) => total + party.shrinks, 0),
      database: { duplicateIds: dbDuplicateIds, duplicateSeqs: dbDuplicateSeqs, holes: dbHoles },
      refusedSends: refusedByCode,
      refusedButStored,
      stillPending,
      consolesKnockedOut: knockouts,
      consoleProblems: Object.fromEntries(all.map((party) => [party.username, Object.fromEntries(party.problems)])),
      chatsByStatusAndOwner: ownersAtEnd,
      chatsWhoseOwnerChanged: ownerChanged,
      timersNeverFired,
      transfers: timerChecks,
    },
    nodes: nodes.map((node) => ({
      name: node.name,
      port: node.port,
      starts: node.starts,
      kills: node.kills,
      crashes: node.crashes,
      failedStarts: node.failedStarts,
      unhandledLines: node.unhandledLines,
      stderr: Object.fromEntries([...node.stderrKinds].sort((a, b) => b[1] - a[1]).slice(0, 30)),
      log: Object.fromEntries([...node.logKinds].sort((a, b) => b[1] - a[1]).slice(0, 30)),
    })),
    haproxyStderr: haproxyErrors.slice(0, 50),
    faults: recoveries,
    views: views.filter(
      (view) =>
        view.duplicateIds + view.duplicateSeqs + view.holes.length + view.behind + view.notStored + view.ackedMissing >
        0,
    ),
  };

  // --- report
  const verdict = (value: number) => (value === 0 ? 'ok' : 'FAIL');
  const row = (label: string, value: number | string, note = '') =>
    console.log(`  ${label.padEnd(50)} ${String(value).padStart(6)}  ${note}`);
  const json = (value: object) => (Object.keys(value).length > 0 ? JSON.stringify(value) : '');
  const failedStarts = nodes.flatMap((node) => node.failedStarts);
  const unhandled = nodes.flatMap((node) => node.unhandledLines);
  console.log('');
  console.log(
    `fault drill on three nodes behind HAProxy: ${faults.length} faults ` +
      `(${config.kills} kills -9, ${config.redisRestarts} Redis restarts), ${patrons.length} patrons, ` +
      `${transfers.length} transfers, ${(result.durationMs / 1000).toFixed(0)} s`,
  );
  row('messages sent', allSent.length);
  row(
    'acknowledged (shown as sent to their author)',
    acked.length,
    `ack p50 ${ackLatency.p50.toFixed(0)} ms, p99 ${ackLatency.p99.toFixed(0)} ms`,
  );
  row('stored in the messages table', dbRows.length);
  row('acknowledged lost: not in the table', ackedLostFromDb.length, verdict(ackedLostFromDb.length));
  row(
    'acknowledged lost: missing from a view',
    sum((view) => view.ackedMissing),
    json(byParty((view) => view.ackedMissing)) || verdict(sum((view) => view.ackedMissing)),
  );
  row('shown twice', result.criteria.shownTwice, verdict(result.criteria.shownTwice));
  row('holes in a view (missing seqs)', result.criteria.holes, json(result.details.holesByParty) || 'ok');
  row(
    'views behind the table at the end (seqs)',
    sum((view) => view.behind),
    json(result.details.viewsBehindDatabase),
  );
  row('shown but not stored', result.details.shownButNotStored);
  row(
    'node crashes (exited without being killed)',
    crashes.length,
    crashes.some((c) => c.unhandled)
      ? "'Unhandled' on stderr"
      : crashes.map((c) => c.node).join(' ') || verdict(crashes.length),
  );
  row(
    'node starts that failed (retried every second)',
    failedStarts.length,
    [...new Set(failedStarts.map((start) => start.error.split(' | ').slice(0, 2).join(' ').slice(0, 90)))].join('; '),
  );
  row(
    'transfers that timed out (from the table)',
    timerChecks.reduce((total, c) => total + c.timedOut, 0),
    `${transfers.filter((t) => t.acknowledged).length} of ${transfers.length} acknowledged to alice`,
  );
  row(
    'transfer-returned events (from the table)',
    timerChecks.reduce((total, c) => total + c.returned, 0),
  );
  row('timers fired twice', timersFiredTwice, verdict(timersFiredTwice));
  row('timers that never fired', timersNeverFired, timersNeverFired === 0 ? 'ok' : 'FAIL (not a pass criterion)');
  row('chats whose owner changed', ownerChanged, json(ownersAtEnd));
  row('consoles that went offline for good', knockouts.length, knockouts.map((k) => k.operator).join(' '));
  row('sends refused by the server (final)', refusedAll.length, json(refusedByCode));
  row('  of which stored anyway', refusedButStored);
  row('still pending at the end', stillPending);
  row('settled', settled ? 'yes' : 'no', `${(settleMs / 1000).toFixed(1)} s`);
  console.log('  faults (down = until the node listened / Redis answered again; recovered = every party acked again):');
  for (const fault of recoveries) {
    console.log(
      `    ${String((fault.atMs / 1000).toFixed(1)).padStart(6)} s  ${fault.kind.padEnd(16)} down ${(fault.downMs / 1000).toFixed(1)} s, ` +
        (fault.allRecoveredAfterMs === null
          ? `${fault.partiesNotRecovered} parties had no send acknowledged before the next fault`
          : `recovered after ${(fault.allRecoveredAfterMs / 1000).toFixed(1)} s`),
    );
  }
  if (unhandled.length > 0) console.log(`  a node said: ${unhandled[0]}`);
  const passCriteria = {
    acknowledgedLost: result.criteria.acknowledgedLost,
    shownTwice: result.criteria.shownTwice,
    timersFiredTwice,
  };
  const failed = Object.entries(passCriteria).filter(([, value]) => value > 0);
  const others = Object.entries(result.criteria).filter(([key, value]) => value > 0 && !(key in passCriteria));
  console.log(
    (failed.length === 0
      ? '  PASS: acknowledged lost, shown twice and timers fired twice are 0'
      : `  FAIL: ${failed.map(([k, v]) => `${k} ${v}`).join(', ')}`) +
      (others.length > 0 ? `; also non-zero: ${others.map(([k, v]) => `${k} ${v}`).join(', ')}` : ''),
  );

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`  written to ${out}`);

  // --- tidy up
  for (const close of closers) close();
  closers.length = 0;
  await Promise.all(nodes.map((node) => node.stop()));
  return failed.length === 0;
}

main().then(
  (passed) => {
    cleanUp();
    process.exit(passed ? 0 : 1);
  },
  (error: unknown) => {
    console.error(`fault-drill-cluster: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    for (const node of nodes) {
      for (const crash of node.crashes)
        console.error(`${node.name} crash at ${crash.atMs} ms:\n${crash.tail.join('\n')}`);
    }
    cleanUp();
    process.exit(1);
  },
);
