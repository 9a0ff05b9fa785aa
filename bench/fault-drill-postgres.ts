/**
 * bench/fault-drill-postgres: patrons and librarians chatting on PostgreSQL
 * while the server is killed and PostgreSQL is stopped and started again.
 *
 *   npx tsx bench/fault-drill-postgres.ts [--rounds 3] [--patrons 10] [--gap 4] [--outage 2] [--settle 30]
 *                                         [--max-seconds 300] [--async-commit] [--no-blip]
 *                                         [--server-root DIR] [--out reports/bench/fault-drill-postgres.json]
 *
 * Everything is its own: a throwaway PostgreSQL cluster on a free loopback port
 * (scripts/throwaway-postgres.sh), the real server (server/main.ts --demo) as a
 * child process on a free port (`--server-root` picks another checkout's
 * server; the clients stay this checkout's), and the real clients of the
 * widget and the console (PatronConnection, OperatorConnection). Each patron has a chat claimed
 * by alice or bob; the supervisor sam previews (follows) every chat. Every
 * patron and every operator sends a message every 200-500 ms.
 *
 * Each round: kill -9 the server and start it again on the same port;
 * `pg_ctl stop -m fast`, wait, start; `pg_ctl stop -m immediate`, wait, start;
 * `--gap` seconds between faults. Halfway through each PostgreSQL outage every
 * console drops its socket and reconnects (`reconnectNow`, as after a laptop
 * wakes), so handshakes meet the outage too (`--no-blip` skips it). A server
 * that dies by itself is a crash: it is recorded and started again (as soon
 * as PostgreSQL lets it).
 *
 * Afterwards everyone stops typing, the drill waits up to `--settle` seconds
 * for every outbox to empty and every view to catch up, then checks against
 * the messages table and every client's view:
 *   - acknowledged messages lost: shown as sent to their author, but not in
 *     the table, or missing from a party's view (the patron, the owner, sam);
 *   - shown twice: a message id or seq twice in one view;
 *   - holes: a seq missing below the newest one a view holds; and views that
 *     stay behind the table's newest seq;
 *   - server crashes: the child exited without being killed by the drill.
 * A table goes to stdout and everything to reports/bench/fault-drill-postgres.json.
 *
 * The cluster runs with synchronous_commit on (set on the database, and
 * DESKBELL_PG_DURABLE=1 for the script): with it off, `-m immediate` drops
 * the last commits by design and they would count as lost. `--async-commit`
 * keeps the script's fast default, to see that effect.
 *
 * Only loopback addresses; bounded by --max-seconds; the server, the cluster
 * and the temporary folders are removed on every exit, failures included.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { OperatorConnection } from '../src/client/operator-connection';
import { PatronConnection, type ResumeTokenStore } from '../src/client/patron-connection';
import type { Message } from '../src/protocol/models';
import { commitOf, freePort, killChildren, startChildServer, type ChildExit, type ChildServer } from './child-server';
import { summarize } from './stats';
import { demoLogin } from './demo-login';

// ---------------------------------------------------------------- options

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    patrons: { type: 'string', default: '10' },
    gap: { type: 'string', default: '4' },
    outage: { type: 'string', default: '2' },
    settle: { type: 'string', default: '30' },
    'max-seconds': { type: 'string', default: '300' },
    'async-commit': { type: 'boolean', default: false },
    'no-blip': { type: 'boolean', default: false },
    'server-root': { type: 'string' },
    out: { type: 'string', default: 'reports/bench/fault-drill-postgres.json' },
  },
});

function positive(name: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    console.error(`fault-drill-postgres: --${name} must be a number from 0 to ${max}, got ${String(raw)}`);
    process.exit(2);
  }
  return value;
}

const config = {
  rounds: Math.round(positive('rounds', values.rounds, 20)),
  patrons: Math.round(positive('patrons', values.patrons, 50)),
  gapMs: positive('gap', values.gap, 60) * 1000,
  outageMs: positive('outage', values.outage, 60) * 1000,
  settleMs: positive('settle', values.settle, 300) * 1000,
  maxMs: positive('max-seconds', values['max-seconds'], 3600) * 1000,
  asyncCommit: values['async-commit'] === true,
  /** Mid-way through each PostgreSQL outage every console drops its socket and reconnects (a laptop waking up). */
  blip: values['no-blip'] !== true,
  /** Each side sends one message every 200-500 ms. */
  sendEveryMs: [200, 500] as const,
  /** A person stops typing when this many of their messages still show "Sending...". */
  maxPending: 20,
};
const out = values.out ?? 'reports/bench/fault-drill-postgres.json';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The checkout whose server runs (the clients are always this one's src/client). */
const serverRoot = resolve(values['server-root'] ?? repoRoot);
const pgScript = join(repoRoot, 'scripts/throwaway-postgres.sh');
const DEPARTMENT = 'general-reference';
const startedAt = Date.now();
const since = () => Date.now() - startedAt;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[${(since() / 1000).toFixed(1).padStart(6)} s] ${line}`);

// ---------------------------------------------------------------- cleanup, whatever happens

const workDir = mkdtempSync(join(tmpdir(), 'deskbell-drill-'));
chmodSync(workDir, 0o755); // the cluster runs as the postgres user, which must reach its folder
const pgDir = join(workDir, 'pg');
const dataDir = join(workDir, 'data');
let clusterStarted = false;
let supervisor: Supervisor | null = null;
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
  supervisor?.killNow();
  killChildren();
  if (clusterStarted) {
    try {
      execFileSync(pgScript, ['stop', pgDir], { stdio: 'ignore', timeout: 30_000 });
    } catch (error) {
      console.error(`fault-drill-postgres: could not stop the cluster in ${pgDir}: ${String(error)}`);
    }
  }
  rmSync(workDir, { recursive: true, force: true });
}

process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`fault-drill-postgres: ${signal}; cleaning up`);
    cleanUp();
    process.exit(130);
  });
}
const deadline = setTimeout(() => {
  console.error(`fault-drill-postgres: still running after ${config.maxMs / 1000} s; giving up`);
  cleanUp();
  process.exit(3);
}, config.maxMs);
deadline.unref();

// ---------------------------------------------------------------- PostgreSQL

function pgAction(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      pgScript,
      args,
      { env: { ...process.env, DESKBELL_PG_DURABLE: config.asyncCommit ? '' : '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`throwaway-postgres.sh ${args.join(' ')} failed: ${error.message}\n${stderr}`));
        else resolve(stdout.trim());
      },
    );
  });
}

async function withDatabase<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- the server, watched

interface Crash {
  atMs: number;
  code: number | null;
  signal: string | null;
  unhandled: boolean;
  tail: string[];
}

/** Runs the server, restarts it after a crash, and keeps what it said. */
class Supervisor {
  server: ChildServer | null = null;
  readonly crashes: Crash[] = [];
  readonly failedStarts: Array<{ atMs: number; error: string }> = [];
  readonly unhandledLines: string[] = [];
  /** Distinct stderr lines (digits folded) and pino error/warn messages, with counts. */
  readonly stderrKinds = new Map<string, number>();
  readonly logKinds = new Map<string, number>();
  starts = 0;
  private starting: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  /** Starts the server unless it runs or is starting; retries every second (PostgreSQL may be down). */
  ensureRunning(): Promise<void> {
    if (this.server) return Promise.resolve();
    this.starting ??= this.startLoop().finally(() => (this.starting = null));
    return this.starting;
  }

  async kill9(): Promise<void> {
    await this.starting;
    const server = this.server;
    this.server = null;
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
          root: serverRoot,
          args: ['--demo', '--port', String(this.port), '--data-dir', dataDir],
          env: { DATABASE_URL: this.databaseUrl, NODE_ENV: 'production' },
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
    this.crashes.push({ atMs: since(), code: exit.code, signal: exit.signal, unhandled, tail: exit.tail.slice(-25) });
    log(`SERVER CRASHED (exit ${exit.code ?? exit.signal})${unhandled ? ': Unhandled error' : ''}; restarting`);
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
  kind: 'kill -9 server' | 'pg stop -m fast' | 'pg stop -m immediate';
  atMs: number;
  /** When the fault was over: the server listening again, or PostgreSQL started again. */
  endMs: number;
}

async function main(): Promise<void> {
  log(`fault-drill-postgres: ${JSON.stringify(config)}; server from ${serverRoot}`);
  const pgPort = await freePort();
  const serverPort = await freePort();
  const databaseUrl = await pgAction(['start', pgDir, String(pgPort)]);
  clusterStarted = true;
  if (!/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/.test(databaseUrl)) {
    throw new Error(`unexpected database URL from throwaway-postgres.sh: ${databaseUrl}`);
  }
  if (!config.asyncCommit) {
    // A per-database setting outranks the command line's -c synchronous_commit=off.
    await withDatabase(databaseUrl, (client) => client.query('ALTER DATABASE postgres SET synchronous_commit = on'));
  }
  const syncCommit = await withDatabase(databaseUrl, async (client) => {
    const result = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    return result.rows[0]?.synchronous_commit ?? '?';
  });
  log(`PostgreSQL on 127.0.0.1:${pgPort} (synchronous_commit ${syncCommit}); server on 127.0.0.1:${serverPort}`);

  supervisor = new Supervisor(serverPort, databaseUrl);
  await supervisor.ensureRunning();
  const url = `http://127.0.0.1:${serverPort}`;

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

  const patrons: PatronParty[] = [];
  for (let i = 0; i < config.patrons; i++) {
    const patron = makePatron(url, i);
    closers.push(() => patron.close());
    patrons.push(patron);
  }
  await waitFor('the patrons to connect', () => patrons.every((p) => p.connection.getState().link === 'online'));
  const chatOwner = new Map<string, OperatorParty>();
  const chatPatron = new Map<string, PatronParty>();
  for (const [i, patron] of patrons.entries()) {
    let ack = await patron.connection.start({ question: `Drill question ${i + 1}`, name: `Drill patron ${i + 1}` });
    for (let attempt = 0; !ack.ok && ack.error.code === 'RATE_LIMITED' && attempt < 30; attempt++) {
      await sleep(1000);
      ack = await patron.connection.start({ question: `Drill question ${i + 1}`, name: `Drill patron ${i + 1}` });
    }
    if (!ack.ok) throw new Error(`${patron.name} could not start a chat: ${ack.error.code} ${ack.error.message}`);
    const owner = i % 2 === 0 ? operators.get('alice') : operators.get('bob');
    if (!owner) throw new Error('no owner');
    const claimed = await owner.connection.claim(ack.data.id);
    if (!claimed.ok) throw new Error(`${owner.username} could not claim: ${claimed.error.message}`);
    owner.owned.push(ack.data.id);
    chatOwner.set(ack.data.id, owner);
    chatPatron.set(ack.data.id, patron);
  }
  const sam = operators.get('sam');
  if (!sam) throw new Error('no sam');
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
  for (const owner of [operators.get('alice'), operators.get('bob')]) {
    if (!owner) continue;
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

  // --- the faults
  const faults: Fault[] = [];
  await sleep(config.gapMs);
  for (let round = 1; round <= config.rounds; round++) {
    log(`round ${round}: kill -9 the server`);
    let atMs = since();
    await supervisor.kill9();
    await supervisor.ensureRunning();
    faults.push({ kind: 'kill -9 server', atMs, endMs: since() });
    await sleep(config.gapMs);

    for (const mode of ['fast', 'immediate'] as const) {
      log(`round ${round}: pg_ctl stop -m ${mode}`);
      atMs = since();
      await pgAction(['halt', pgDir, mode]);
      if (config.blip) {
        await sleep(config.outageMs / 2);
        for (const party of all) party.connection.reconnectNow();
        await sleep(config.outageMs / 2);
      } else {
        await sleep(config.outageMs);
      }
      await pgAction(['resume', pgDir, String(pgPort)]);
      log(`round ${round}: PostgreSQL is back`);
      faults.push({ kind: `pg stop -m ${mode}`, atMs, endMs: since() });
      await supervisor.ensureRunning(); // after a crash, the restart waits for PostgreSQL
      await sleep(config.gapMs);
    }
  }

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
    await supervisor.ensureRunning();
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
    const messages = await client.query<DbMessage>(
      'SELECT chat_id, id, seq, author_kind FROM messages WHERE chat_id = ANY($1) ORDER BY chat_id, seq',
      [chatIds],
    );
    const chats = await client.query<{ id: string; last_seq: number; status: string }>(
      'SELECT id, last_seq, status FROM chats WHERE id = ANY($1)',
      [chatIds],
    );
    return { rows: messages.rows, lastSeqs: chats.rows };
  });
  const dbByChat = new Map<string, { bySeq: Map<number, DbMessage>; ids: Set<string>; lastSeq: number }>();
  for (const chat of lastSeqs)
    dbByChat.set(chat.id, { bySeq: new Map(), ids: new Set(), lastSeq: Number(chat.last_seq) });
  let dbDuplicateIds = 0;
  let dbDuplicateSeqs = 0;
  for (const row of dbRows) {
    const chat = dbByChat.get(row.chat_id);
    if (!chat) continue;
    const seq = Number(row.seq);
    if (chat.bySeq.has(seq)) dbDuplicateSeqs += 1;
    if (chat.ids.has(row.id)) dbDuplicateIds += 1;
    chat.bySeq.set(seq, { ...row, seq });
    chat.ids.add(row.id);
  }
  let dbHoles = 0;
  for (const chat of dbByChat.values()) {
    for (let seq = 1; seq <= chat.lastSeq; seq++) if (!chat.bySeq.has(seq)) dbHoles += 1;
  }

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
  const result = {
    config: { ...config, synchronousCommit: syncCommit, serverRoot, serverCommit: commitOf(serverRoot) },
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
      serverCrashes: supervisor.crashes.length,
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
      chatStatuses: Object.fromEntries(lastSeqs.map((chat) => [chat.id, chat.status])),
    },
    server: {
      starts: supervisor.starts,
      crashes: supervisor.crashes,
      failedStarts: supervisor.failedStarts,
      unhandledLines: supervisor.unhandledLines,
      stderr: Object.fromEntries([...supervisor.stderrKinds].sort((a, b) => b[1] - a[1]).slice(0, 30)),
      log: Object.fromEntries([...supervisor.logKinds].sort((a, b) => b[1] - a[1]).slice(0, 30)),
    },
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
  console.log('');
  console.log(
    `fault drill on PostgreSQL: ${config.rounds} rounds, ${faults.length} faults, ${patrons.length} patrons, ` +
      `${(result.durationMs / 1000).toFixed(0)} s`,
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
    json(byParty((view) => view.ackedMissing)),
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
    'server crashes',
    supervisor.crashes.length,
    supervisor.crashes.some((c) => c.unhandled) ? "'Unhandled' on stderr" : verdict(supervisor.crashes.length),
  );
  row(
    'server starts that failed (retried every second)',
    supervisor.failedStarts.length,
    [
      ...new Set(supervisor.failedStarts.map((start) => start.error.split(' | ').slice(0, 2).join(' ').slice(0, 90))),
    ].join('; '),
  );
  row('consoles that went offline for good', knockouts.length, knockouts.map((k) => k.operator).join(' '));
  row('sends refused by the server (final)', refusedAll.length, json(refusedByCode));
  row('  of which stored anyway', refusedButStored);
  row('still pending at the end', stillPending);
  row('settled', settled ? 'yes' : 'no', `${(settleMs / 1000).toFixed(1)} s`);
  console.log(
    '  faults (down = until the server listened / PostgreSQL started again; recovered = every party acked again):',
  );
  for (const fault of recoveries) {
    console.log(
      `    ${String((fault.atMs / 1000).toFixed(1)).padStart(6)} s  ${fault.kind.padEnd(22)} down ${(fault.downMs / 1000).toFixed(1)} s, ` +
        (fault.allRecoveredAfterMs === null
          ? `${fault.partiesNotRecovered} parties had no send acknowledged before the next fault`
          : `recovered after ${(fault.allRecoveredAfterMs / 1000).toFixed(1)} s`),
    );
  }
  if (supervisor.unhandledLines.length > 0) console.log(`  server said: ${supervisor.unhandledLines[0]}`);
  const failed = Object.entries(result.criteria).filter(([, value]) => value > 0);
  console.log(
    failed.length === 0
      ? '  PASS: all four criteria are 0'
      : `  FAIL: ${failed.map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(`  written to ${out}`);

  // --- tidy up
  for (const close of closers) close();
  closers.length = 0;
  await supervisor.stop();
}

main().then(
  () => {
    cleanUp();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`fault-drill-postgres: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (supervisor) {
      for (const crash of supervisor.crashes)
        console.error(`server crash at ${crash.atMs} ms:\n${crash.tail.join('\n')}`);
    }
    cleanUp();
    process.exit(1);
  },
);
