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
 * bench/fault-drill-postgres.ts runs them (both from bench/drill-kit.ts): each patron has a chat claimed by
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
import { haproxyConfig } from '../scripts/cluster/haproxy-config';
import { OPEN_LIMITS } from './bench-kit';
import { commitOf, freePort, killChildren } from './child-server';
import { startBackends, type ClusterBackends } from './cluster-backends';
import {
  checkMessages,
  cleanUpOnEveryExit,
  clientRows,
  closeAll,
  commonestKinds,
  connectConsoles,
  failedStartReasons,
  faultLines,
  faultyViews,
  json,
  openChats,
  recoveries,
  row,
  sendRows,
  ServerSupervisor,
  sleep,
  startTyping,
  verdict,
  viewRows,
  waitToSettle,
  withDatabase,
  type DbMessage,
  type DrillContext,
  type Party,
} from './drill-kit';

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
const log = (line: string) => console.log(`[${(since() / 1000).toFixed(1).padStart(6)} s] ${line}`);
const context: DrillContext = {
  since,
  log,
  department: DEPARTMENT,
  sendEveryMs: config.sendEveryMs,
  maxPending: config.maxPending,
};

// ---------------------------------------------------------------- cleanup, whatever happens

const workDir = mkdtempSync(join(tmpdir(), 'deskbell-cluster-drill-'));
let backends: ClusterBackends | null = null;
let haproxy: ChildProcess | null = null;
const nodes: ServerSupervisor[] = [];
const closers: Array<() => void> = [];
let cleanedUp = false;

function cleanUp(): void {
  if (cleanedUp) return;
  cleanedUp = true;
  closeAll(closers);
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

cleanUpOnEveryExit('fault-drill-cluster', cleanUp, config.maxMs);

/** The node behind the balancer that answered `GET /ready` ('' when none did). */
async function nodeBehind(url: string): Promise<string> {
  try {
    const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) });
    return String(((await response.json()) as { node?: unknown }).node ?? '');
  } catch {
    return '';
  }
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
    const port = await freePort();
    const node = new ServerSupervisor({
      port,
      launch: {
        root: repoRoot,
        args: ['--demo', '--trust-proxy', '--port', String(port), '--data-dir', join(workDir, name)],
        env: { ...nodeEnv, DESKBELL_NODE_ID: name },
      },
      context,
      node: name,
    });
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
  const consoles = await connectConsoles(url, context, closers);
  const { alice, bob, all } = consoles;
  const bobId = await withDatabase(databaseUrl, async (client) => {
    const result = await client.query<{ id: string }>("SELECT id FROM accounts WHERE username = 'bob'");
    return result.rows[0]?.id;
  });
  if (!bobId) throw new Error('no account for bob');
  const chats = await openChats(url, consoles, { count: config.patrons, connectTimeoutMs: 60_000 }, context, closers);
  const { patrons, chatOwner, chatIds } = chats;

  // --- the chatting
  const stopTyping = startTyping(patrons, [alice, bob], context);

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
  await stopTyping();
  const parties: Party[] = [...patrons, ...all];
  const { settled, settleMs } = await waitToSettle({
    databaseUrl,
    chatIds,
    parties,
    settleMs: config.settleMs,
    ensureRunning: () => Promise.all(nodes.map((node) => node.ensureRunning())),
    log,
  });

  // --- check
  const { rows: dbRows, lastSeqs } = await withDatabase(databaseUrl, async (client) => {
    const messages = await client.query<DbMessage & { event: unknown }>(
      'SELECT chat_id, id, seq, author_kind, event FROM messages WHERE chat_id = ANY($1) ORDER BY chat_id, seq',
      [chatIds],
    );
    const chatRows = await client.query<{ id: string; last_seq: number; status: string; owner: string | null }>(
      `SELECT c.id, c.last_seq, c.status, a.username AS owner
         FROM chats c LEFT JOIN accounts a ON a.id = c.owner_id WHERE c.id = ANY($1)`,
      [chatIds],
    );
    return { rows: messages.rows, lastSeqs: chatRows.rows };
  });
  const check = checkMessages({ rows: dbRows, chatRows: lastSeqs, parties, chats, consoles });
  const { sum, byParty } = check;
  const eventsByChat = new Map<string, Record<string, number>>();
  for (const message of dbRows) {
    if (!check.stored.byChat.has(message.chat_id)) continue;
    const type = eventType(message.event);
    if (type) {
      const counts = eventsByChat.get(message.chat_id) ?? {};
      counts[type] = (counts[type] ?? 0) + 1;
      eventsByChat.set(message.chat_id, counts);
    }
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
    .filter((timer) => timer.requested > 0 || timer.returned > 0 || transferChats.includes(timer.chatId));
  const timersFiredTwice = timerChecks.reduce((total, c) => total + Math.max(0, c.returned - c.timedOut), 0);
  const timersNeverFired = timerChecks.reduce((total, c) => total + Math.max(0, c.timedOut - c.returned), 0);

  const faultRecoveries = recoveries(faults, parties);
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
    ...check.counts,
    criteria: {
      ...check.criteria,
      nodeCrashes: crashes.length,
      timersFiredTwice,
    },
    details: {
      ...check.details,
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
      stderr: commonestKinds(node.stderrKinds),
      log: commonestKinds(node.logKinds),
    })),
    haproxyStderr: haproxyErrors.slice(0, 50),
    faults: faultRecoveries,
    views: faultyViews(check.views),
  };

  // --- report
  const failedStarts = nodes.flatMap((node) => node.failedStarts);
  const unhandled = nodes.flatMap((node) => node.unhandledLines);
  console.log('');
  console.log(
    `fault drill on three nodes behind HAProxy: ${faults.length} faults ` +
      `(${config.kills} kills -9, ${config.redisRestarts} Redis restarts), ${patrons.length} patrons, ` +
      `${transfers.length} transfers, ${(result.durationMs / 1000).toFixed(0)} s`,
  );
  sendRows(check);
  row(
    'acknowledged lost: missing from a view',
    sum((view) => view.ackedMissing),
    json(byParty((view) => view.ackedMissing)) || verdict(sum((view) => view.ackedMissing)),
  );
  viewRows(check);
  row(
    'node crashes (exited without being killed)',
    crashes.length,
    crashes.some((c) => c.unhandled)
      ? "'Unhandled' on stderr"
      : crashes.map((c) => c.node).join(' ') || verdict(crashes.length),
  );
  row('node starts that failed (retried every second)', failedStarts.length, failedStartReasons(failedStarts));
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
  clientRows(check, { settled, settleMs });
  console.log('  faults (down = until the node listened / Redis answered again; recovered = every party acked again):');
  faultLines(faultRecoveries, 16);
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
