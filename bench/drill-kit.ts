/**
 * bench/drill-kit: what the two fault drills (fault-drill-postgres.ts on one
 * server, fault-drill-cluster.ts on three nodes behind HAProxy) do the same
 * way, so that both count lost, doubled and missing messages by one rule:
 *   - a server child watched: restarted after a crash, its output folded
 *     into counts (ServerSupervisor);
 *   - the people: real widget and console clients (PatronConnection,
 *     OperatorConnection), alice and bob owning the chats, sam following
 *     every one, everyone typing until told to stop;
 *   - the settle wait and the checks: the messages table against what each
 *     author saw acknowledged and what each view holds;
 *   - the report rows both tables print.
 * What differs (the faults, the deadlines, the pass rule) stays in each drill.
 * The drill's clock, log and typing pace come in as a DrillContext, so the
 * timestamps here are the drill's own.
 */
import pg from 'pg';
import { OperatorConnection } from '../src/client/operator-connection';
import { PatronConnection, type ResumeTokenStore } from '../src/client/patron-connection';
import type { Message } from '../src/protocol/models';
import { startChildServer, type ChildExit, type ChildServer, type ChildServerOptions } from './child-server';
import { demoLogin } from './demo-login';
import { summarize, type Summary } from './stats';

/** What the kit takes from the drill that uses it. */
export interface DrillContext {
  /** Milliseconds since the drill started: every timestamp in its report. */
  since: () => number;
  /** The drill's log, each line stamped with since(). */
  log: (line: string) => void;
  /** The department every patron asks. */
  department: string;
  /** Each side sends one message every [min, max] ms. */
  sendEveryMs: readonly [number, number];
  /** A person stops typing when this many of their messages still show "Sending...". */
  maxPending: number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withDatabase<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs `cleanUp` however the drill ends: its own exit, SIGINT or SIGTERM
 * (exit 130), or still running after `maxMs` (exit 3), so that no server,
 * database or folder outlives it.
 */
export function cleanUpOnEveryExit(drill: string, cleanUp: () => void, maxMs: number): void {
  process.once('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${drill}: ${signal}; cleaning up`);
      cleanUp();
      process.exit(130);
    });
  }
  const deadline = setTimeout(() => {
    console.error(`${drill}: still running after ${maxMs / 1000} s; giving up`);
    cleanUp();
    process.exit(3);
  }, maxMs);
  deadline.unref(); // a drill that finishes in time exits without waiting for it
}

/** Closes every client on the way out; one that throws is gone anyway, and must not stop the rest. */
export function closeAll(closers: ReadonlyArray<() => void>): void {
  for (const close of closers) {
    try {
      close();
    } catch {
      // a client that cannot close is gone anyway
    }
  }
}

// ---------------------------------------------------------------- a server, watched

export interface Crash {
  /** Only on a cluster node: which one. */
  node?: string;
  atMs: number;
  code: number | null;
  signal: string | null;
  unhandled: boolean;
  tail: string[];
}

export interface SupervisorOptions {
  port: number;
  /** The same on every start, restarts included. */
  launch: Pick<ChildServerOptions, 'root' | 'args' | 'env'>;
  context: Pick<DrillContext, 'since' | 'log'>;
  /** A cluster node's name, put on its crashes; a lone server has none and logs its crashes as SERVER. */
  node?: string;
}

/** Runs one server on its fixed port, restarts it after a crash, and keeps what it said. */
export class ServerSupervisor {
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

  constructor(private readonly options: SupervisorOptions) {}

  get name(): string {
    return this.options.node ?? 'server';
  }

  get port(): number {
    return this.options.port;
  }

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
          ...this.options.launch,
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
        this.failedStarts.push({
          atMs: this.options.context.since(),
          error: message.split('\n').slice(0, 4).join(' | '),
        });
        await sleep(1000);
      }
    }
  }

  private onExit(server: ChildServer, exit: ChildExit): void {
    if (this.server === server) this.server = null;
    if (exit.expected || this.stopping) return;
    const { node, context } = this.options;
    const unhandled = exit.tail.some((line) => /Unhandled/i.test(line));
    const crash = {
      atMs: context.since(),
      code: exit.code,
      signal: exit.signal,
      unhandled,
      tail: exit.tail.slice(-25),
    };
    this.crashes.push(node === undefined ? crash : { node, ...crash });
    context.log(
      `${node ?? 'SERVER'} CRASHED (exit ${exit.code ?? exit.signal})${unhandled ? ': Unhandled error' : ''}; restarting`,
    );
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

/** The 30 commonest of a supervisor's stderr or log kinds, for the JSON report. */
export function commonestKinds(kinds: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1]).slice(0, 30));
}

/** Why starts failed, each reason once and short enough for a table row. */
export function failedStartReasons(failedStarts: ReadonlyArray<{ error: string }>): string {
  return [...new Set(failedStarts.map((start) => start.error.split(' | ').slice(0, 2).join(' ').slice(0, 90)))].join(
    '; ',
  );
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

export interface SentRecord {
  id: string;
  chatId: string;
  author: string;
  sentAtMs: number;
  ackedAtMs: number | null;
}

/** One person at a keyboard: what they sent, what they saw acknowledged, what their view holds. */
export interface Party {
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

function markAcked(party: Party, messages: readonly Message[], since: () => number): void {
  for (const message of messages) {
    const record = party.sent.get(message.id);
    if (record && record.ackedAtMs === null) record.ackedAtMs = since();
  }
}

export interface PatronParty extends Party {
  connection: PatronConnection;
}

function makePatron(url: string, index: number, context: Pick<DrillContext, 'since' | 'department'>): PatronParty {
  const connection = new PatronConnection({
    url: `${url}/patron`,
    departmentId: context.department,
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
    markAcked(party, messages, context.since);
  });
  return party;
}

export interface OperatorParty extends Party {
  connection: OperatorConnection;
  username: string;
  owned: string[];
  followed: string[];
  /** Episodes of the console going offline for good (logged out, refused): the drill reconnects it. */
  knockouts: Array<{ atMs: number; reason: string }>;
  problems: Map<string, number>;
}

function makeOperator(
  url: string,
  username: string,
  token: string,
  context: Pick<DrillContext, 'since' | 'log'>,
): OperatorParty {
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
      markAcked(party, event.messages, context.since);
    } else if (event.type === 'problem' || event.type === 'unauthorized') {
      lastReason = `${event.type}: ${event.message}`;
      const kind = lastReason.replace(/\d+/g, 'N').slice(0, 160);
      party.problems.set(kind, (party.problems.get(kind) ?? 0) + 1);
    } else if (event.type === 'state' && event.state === 'offline' && !closing) {
      // The console gave up (what a librarian sees as "logged out" or "offline"). A person would
      // log in again or press reconnect; the drill counts it and reconnects, to go on measuring.
      party.knockouts.push({ atMs: context.since(), reason: lastReason });
      context.log(`${username}'s console went offline for good (${lastReason}); reconnecting it in 2 s`);
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

// ---------------------------------------------------------------- the people, seated

export interface Consoles {
  alice: OperatorParty;
  bob: OperatorParty;
  sam: OperatorParty;
  all: OperatorParty[];
}

/** alice, bob and sam logged in, connected and Online; each console's close goes into `closers`. */
export async function connectConsoles(
  url: string,
  context: Pick<DrillContext, 'since' | 'log'>,
  closers: Array<() => void>,
): Promise<Consoles> {
  const all: OperatorParty[] = [];
  for (const username of ['alice', 'bob', 'sam']) {
    const party = makeOperator(url, username, await demoLogin(url, username), context);
    closers.push(() => party.close());
    all.push(party);
    party.connection.connect();
  }
  await waitFor('the consoles to connect', () => all.every((party) => party.connection.state === 'connected'));
  for (const party of all) {
    const ack = await party.connection.setStatus('online');
    if (!ack.ok) throw new Error(`${party.username} could not go Online: ${ack.error.message}`);
  }
  const [alice, bob, sam] = all;
  if (!alice || !bob || !sam) throw new Error('a demo operator is missing');
  return { alice, bob, sam, all };
}

export interface Chats {
  patrons: PatronParty[];
  chatOwner: Map<string, OperatorParty>;
  chatPatron: Map<string, PatronParty>;
  chatIds: string[];
}

/**
 * `count` patrons connected, each with a chat claimed by alice (even ones) or
 * bob (odd ones) and followed by sam; each patron's close goes into `closers`.
 */
export async function openChats(
  url: string,
  consoles: Consoles,
  options: { count: number; connectTimeoutMs?: number },
  context: Pick<DrillContext, 'since' | 'log' | 'department'>,
  closers: Array<() => void>,
): Promise<Chats> {
  const patrons: PatronParty[] = [];
  for (let i = 0; i < options.count; i++) {
    const patron = makePatron(url, i, context);
    closers.push(() => patron.close());
    patrons.push(patron);
  }
  await waitFor(
    'the patrons to connect',
    () => patrons.every((p) => p.connection.getState().link === 'online'),
    options.connectTimeoutMs,
  );
  const chatOwner = new Map<string, OperatorParty>();
  const chatPatron = new Map<string, PatronParty>();
  for (const [i, patron] of patrons.entries()) {
    const chatId = await startChat(patron, i);
    const owner = i % 2 === 0 ? consoles.alice : consoles.bob;
    const claimed = await owner.connection.claim(chatId);
    if (!claimed.ok) throw new Error(`${owner.username} could not claim: ${claimed.error.message}`);
    owner.owned.push(chatId);
    chatOwner.set(chatId, owner);
    chatPatron.set(chatId, patron);
  }
  const { sam } = consoles;
  for (const chatId of chatOwner.keys()) {
    const preview = await sam.connection.preview(chatId);
    if (!preview.ok) throw new Error(`sam could not preview ${chatId}: ${preview.error.message}`);
    sam.followed.push(chatId);
  }
  context.log(`${patrons.length} chats claimed by alice and bob, all followed by sam; chatting`);
  return { patrons, chatOwner, chatPatron, chatIds: [...chatOwner.keys()] };
}

/** The patron's chat started; a start refused as rate limited is asked again each second, up to 30 times. */
async function startChat(patron: PatronParty, index: number): Promise<string> {
  const details = { question: `Drill question ${index + 1}`, name: `Drill patron ${index + 1}` };
  let ack = await patron.connection.start(details);
  for (let attempt = 0; !ack.ok && ack.error.code === 'RATE_LIMITED' && attempt < 30; attempt++) {
    await sleep(1000);
    ack = await patron.connection.start(details);
  }
  if (!ack.ok) throw new Error(`${patron.name} could not start a chat: ${ack.error.code} ${ack.error.message}`);
  return ack.data.id;
}

// ---------------------------------------------------------------- the chatting

/**
 * Every patron, and each of `owners`, types until the returned function is
 * called; it resolves once every one of them has stopped.
 */
export function startTyping(
  patrons: readonly PatronParty[],
  owners: readonly OperatorParty[],
  context: Pick<DrillContext, 'since' | 'sendEveryMs' | 'maxPending'>,
): () => Promise<void> {
  const { since, sendEveryMs, maxPending } = context;
  let typing = true;
  const randomDelay = () => sendEveryMs[0] + Math.random() * (sendEveryMs[1] - sendEveryMs[0]);
  const typeLoop = (party: Party, sendOne: (n: number) => SentRecord | null) =>
    (async () => {
      let n = 0;
      while (typing) {
        await sleep(randomDelay());
        if (!typing || party.pendingCount() >= maxPending) continue;
        const record = sendOne(++n);
        if (record) party.sent.set(record.id, record);
      }
    })();
  const loops: Array<Promise<void>> = [];
  for (const patron of patrons) {
    loops.push(
      typeLoop(patron, (n) => {
        const chatId = patron.chatIds()[0];
        const id = chatId ? patron.connection.send(`${patron.name} says #${n}`) : null;
        return id && chatId ? { id, chatId, author: patron.name, sentAtMs: since(), ackedAtMs: null } : null;
      }),
    );
  }
  for (const owner of owners) {
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
  return async () => {
    typing = false;
    await Promise.all(loops);
  };
}

/**
 * Waits up to `settleMs` for every outbox to empty and every view to hold its
 * chats up to the table's last seq, checking each second (and keeping the
 * servers running, so a late crash does not stall the wait).
 */
export async function waitToSettle(options: {
  databaseUrl: string;
  chatIds: string[];
  parties: readonly Party[];
  settleMs: number;
  ensureRunning: () => Promise<unknown>;
  log: (line: string) => void;
}): Promise<{ settled: boolean; settleMs: number }> {
  const { databaseUrl, chatIds, parties } = options;
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
  while (Date.now() - settleStart < options.settleMs) {
    await options.ensureRunning();
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
  options.log(
    settled
      ? `settled in ${(settleMs / 1000).toFixed(1)} s`
      : `not settled after ${settleMs / 1000} s; checking anyway`,
  );
  return { settled, settleMs };
}

// ---------------------------------------------------------------- checks

export interface DbMessage {
  chat_id: string;
  id: string;
  seq: number;
  author_kind: string;
}

/** One chat as the messages table holds it. */
export interface StoredChat {
  bySeq: Map<number, DbMessage>;
  ids: Set<string>;
  lastSeq: number;
}

export interface StoredChats {
  byChat: Map<string, StoredChat>;
  duplicateIds: number;
  duplicateSeqs: number;
  /** Seqs up to a chat's last_seq that no row holds. */
  holes: number;
}

/** The drill's chats from the table: `chats` rows give each chat's last seq, `rows` its messages in seq order. */
function indexStoredChats(
  rows: readonly DbMessage[],
  chats: ReadonlyArray<{ id: string; last_seq: number }>,
): StoredChats {
  const byChat = new Map<string, StoredChat>();
  for (const chat of chats) byChat.set(chat.id, { bySeq: new Map(), ids: new Set(), lastSeq: Number(chat.last_seq) });
  let duplicateIds = 0;
  let duplicateSeqs = 0;
  for (const row of rows) {
    const chat = byChat.get(row.chat_id);
    if (!chat) continue;
    const seq = Number(row.seq);
    if (chat.bySeq.has(seq)) duplicateSeqs += 1;
    if (chat.ids.has(row.id)) duplicateIds += 1;
    chat.bySeq.set(seq, { chat_id: row.chat_id, id: row.id, seq, author_kind: row.author_kind });
    chat.ids.add(row.id);
  }
  let holes = 0;
  for (const chat of byChat.values()) {
    for (let seq = 1; seq <= chat.lastSeq; seq++) if (!chat.bySeq.has(seq)) holes += 1;
  }
  return { byChat, duplicateIds, duplicateSeqs, holes };
}

export interface ViewCheck {
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

/** Everyone's sends against the table: what was acknowledged, what of that the table lacks, what was refused. */
function tallySends(parties: readonly Party[], stored: StoredChats) {
  const inTable = (record: SentRecord) => stored.byChat.get(record.chatId)?.ids.has(record.id);
  const allSent = parties.flatMap((party) => [...party.sent.values()]);
  const acked = allSent.filter((record) => record.ackedAtMs !== null);
  const ackedLostFromDb = acked.filter((record) => !inTable(record));
  const refusedAll = parties.flatMap((party) => party.refused().map((refusal) => ({ ...refusal, party: party.name })));
  const refusedByCode: Record<string, number> = {};
  for (const refusal of refusedAll) refusedByCode[refusal.code] = (refusedByCode[refusal.code] ?? 0) + 1;
  const refusedIds = new Set(refusedAll.map((refusal) => refusal.id));
  const refusedButStored = allSent.filter((record) => refusedIds.has(record.id) && inTable(record)).length;
  const stillPending = parties.reduce((sum, party) => sum + party.pendingCount(), 0);
  return { allSent, acked, ackedLostFromDb, refusedAll, refusedByCode, refusedButStored, stillPending };
}

/** Each chat's view checked for each party that must hold it: its patron, its owner, and sam. */
function checkViews(chats: Chats, sam: OperatorParty, stored: StoredChats, acked: readonly SentRecord[]): ViewCheck[] {
  const views: ViewCheck[] = [];
  for (const chatId of chats.chatIds) {
    const db = stored.byChat.get(chatId) ?? { bySeq: new Map(), ids: new Set(), lastSeq: 0 };
    const ackedInChat = acked.filter((record) => record.chatId === chatId);
    const viewers = [chats.chatPatron.get(chatId), chats.chatOwner.get(chatId), sam].filter(
      (party): party is PatronParty | OperatorParty => party !== undefined,
    );
    for (const party of viewers) views.push(checkView(party, chatId, party.view(chatId), db, ackedInChat));
  }
  return views;
}

/** Sums of one count over all views, and per party (parties with none left out). */
function viewTotals(views: readonly ViewCheck[]) {
  const sum = (pick: (view: ViewCheck) => number) => views.reduce((total, view) => total + pick(view), 0);
  const byParty = (pick: (view: ViewCheck) => number) => {
    const result: Record<string, number> = {};
    for (const view of views) if (pick(view) > 0) result[view.party] = (result[view.party] ?? 0) + pick(view);
    return result;
  };
  return { sum, byParty };
}

/** The views with something wrong, for the JSON report (a clean view would only bury them). */
export function faultyViews(views: readonly ViewCheck[]): ViewCheck[] {
  return views.filter(
    (view) =>
      view.duplicateIds + view.duplicateSeqs + view.holes.length + view.behind + view.notStored + view.ackedMissing > 0,
  );
}

/** Recovery: after each fault, how long until every party had a send acknowledged again. */
export function recoveries<F extends { atMs: number; endMs: number }>(faults: readonly F[], parties: readonly Party[]) {
  return faults.map((fault, index) => {
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
}

function ackLatencyOf(acked: readonly SentRecord[]): Summary {
  return summarize(
    acked.map((record) => (record.ackedAtMs ?? record.sentAtMs) - record.sentAtMs).filter((ms) => ms >= 0),
  );
}

/** Every time a console went offline for good, with whose it was. */
function knockoutsOf(consoles: readonly OperatorParty[]) {
  return consoles.flatMap((party) => party.knockouts.map((k) => ({ operator: party.username, ...k })));
}

/** What each console reported as a problem, folded, per console. */
function consoleProblems(consoles: readonly OperatorParty[]): Record<string, Record<string, number>> {
  return Object.fromEntries(consoles.map((party) => [party.username, Object.fromEntries(party.problems)]));
}

/**
 * The messages table (`rows` in seq order, `chatRows` with each chat's
 * last seq) against every party's sends and views, after the settle: the
 * counts both drills report, their three message criteria, and the details.
 */
export function checkMessages(input: {
  rows: readonly DbMessage[];
  chatRows: ReadonlyArray<{ id: string; last_seq: number }>;
  parties: readonly Party[];
  chats: Chats;
  consoles: Consoles;
}) {
  const { parties, consoles } = input;
  const stored = indexStoredChats(input.rows, input.chatRows);
  const sends = tallySends(parties, stored);
  const views = checkViews(input.chats, consoles.sam, stored, sends.acked);
  const { sum, byParty } = viewTotals(views);
  const ackLatency = ackLatencyOf(sends.acked);
  return {
    stored,
    sends,
    views,
    sum,
    byParty,
    counts: {
      sent: sends.allSent.length,
      acknowledged: sends.acked.length,
      storedMessages: input.rows.length,
      ackLatencyMs: ackLatency,
    },
    criteria: {
      acknowledgedLost: sends.ackedLostFromDb.length + sum((view) => view.ackedMissing),
      shownTwice: sum((view) => view.duplicateIds + view.duplicateSeqs),
      holes: sum((view) => view.holes.length),
    },
    details: {
      acknowledgedNotInDatabase: sends.ackedLostFromDb.map(({ id, chatId, author }) => ({ id, chatId, author })),
      acknowledgedMissingFromViews: byParty((view) => view.ackedMissing),
      holesByParty: byParty((view) => view.holes.length),
      viewsBehindDatabase: byParty((view) => view.behind),
      shownButNotStored: sum((view) => view.notStored),
      seqWithOtherMessage: sum((view) => view.mismatched),
      viewShrinks: parties.reduce((total, party) => total + party.shrinks, 0),
      database: { duplicateIds: stored.duplicateIds, duplicateSeqs: stored.duplicateSeqs, holes: stored.holes },
      refusedSends: sends.refusedByCode,
      refusedButStored: sends.refusedButStored,
      stillPending: sends.stillPending,
      consolesKnockedOut: knockoutsOf(consoles.all),
      consoleProblems: consoleProblems(consoles.all),
    },
  };
}

export type MessageCheck = ReturnType<typeof checkMessages>;

// ---------------------------------------------------------------- report

export const verdict = (value: number) => (value === 0 ? 'ok' : 'FAIL');

/** One line of the table: label, value, and a note (a verdict, or what the value is made of). */
export const row = (label: string, value: number | string, note = '') =>
  console.log(`  ${label.padEnd(50)} ${String(value).padStart(6)}  ${note}`);

/** A count per key as JSON, or '' when there is none (an empty note). */
export const json = (value: object) => (Object.keys(value).length > 0 ? JSON.stringify(value) : '');

/** The first rows of both tables: what was sent, acknowledged and stored, and what the table lost. */
export function sendRows(check: MessageCheck): void {
  const { counts, sends } = check;
  row('messages sent', counts.sent);
  row(
    'acknowledged (shown as sent to their author)',
    counts.acknowledged,
    `ack p50 ${counts.ackLatencyMs.p50.toFixed(0)} ms, p99 ${counts.ackLatencyMs.p99.toFixed(0)} ms`,
  );
  row('stored in the messages table', counts.storedMessages);
  row('acknowledged lost: not in the table', sends.ackedLostFromDb.length, verdict(sends.ackedLostFromDb.length));
}

/** The rows about the views (after each drill's own "missing from a view" row). */
export function viewRows(check: MessageCheck): void {
  const { criteria, details, sum } = check;
  row('shown twice', criteria.shownTwice, verdict(criteria.shownTwice));
  row('holes in a view (missing seqs)', criteria.holes, json(details.holesByParty) || 'ok');
  row(
    'views behind the table at the end (seqs)',
    sum((view) => view.behind),
    json(details.viewsBehindDatabase),
  );
  row('shown but not stored', details.shownButNotStored);
}

/** The rows about what the clients saw at the end: consoles that gave up, refusals, leftovers, the settle. */
export function clientRows(check: MessageCheck, settle: { settled: boolean; settleMs: number }): void {
  const { sends } = check;
  const knockouts = check.details.consolesKnockedOut;
  row('consoles that went offline for good', knockouts.length, knockouts.map((k) => k.operator).join(' '));
  row('sends refused by the server (final)', sends.refusedAll.length, json(sends.refusedByCode));
  row('  of which stored anyway', sends.refusedButStored);
  row('still pending at the end', sends.stillPending);
  row('settled', settle.settled ? 'yes' : 'no', `${(settle.settleMs / 1000).toFixed(1)} s`);
}

/** One line per fault: when, what, how long it was down, and when every party had a send acknowledged again. */
export function faultLines(
  faults: ReadonlyArray<{
    kind: string;
    atMs: number;
    downMs: number;
    allRecoveredAfterMs: number | null;
    partiesNotRecovered: number;
  }>,
  kindWidth: number,
): void {
  for (const fault of faults) {
    console.log(
      `    ${String((fault.atMs / 1000).toFixed(1)).padStart(6)} s  ${fault.kind.padEnd(kindWidth)} down ${(fault.downMs / 1000).toFixed(1)} s, ` +
        (fault.allRecoveredAfterMs === null
          ? `${fault.partiesNotRecovered} parties had no send acknowledged before the next fault`
          : `recovered after ${(fault.allRecoveredAfterMs / 1000).toFixed(1)} s`),
    );
  }
}
