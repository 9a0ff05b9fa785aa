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
 * widget and the console (PatronConnection, OperatorConnection, set up by
 * bench/drill-kit.ts, which the cluster drill shares). Each patron has a chat claimed
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
import { commitOf, freePort, killChildren } from './child-server';
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
const log = (line: string) => console.log(`[${(since() / 1000).toFixed(1).padStart(6)} s] ${line}`);
const context: DrillContext = {
  since,
  log,
  department: DEPARTMENT,
  sendEveryMs: config.sendEveryMs,
  maxPending: config.maxPending,
};

// ---------------------------------------------------------------- cleanup, whatever happens

const workDir = mkdtempSync(join(tmpdir(), 'deskbell-drill-'));
chmodSync(workDir, 0o755); // the cluster runs as the postgres user, which must reach its folder
const pgDir = join(workDir, 'pg');
const dataDir = join(workDir, 'data');
let clusterStarted = false;
let supervisor: ServerSupervisor | null = null;
const closers: Array<() => void> = [];
let cleanedUp = false;

function cleanUp(): void {
  if (cleanedUp) return;
  cleanedUp = true;
  closeAll(closers);
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

cleanUpOnEveryExit('fault-drill-postgres', cleanUp, config.maxMs);

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

  supervisor = new ServerSupervisor({
    port: serverPort,
    launch: {
      root: serverRoot,
      args: ['--demo', '--port', String(serverPort), '--data-dir', dataDir],
      env: { DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    },
    context,
  });
  await supervisor.ensureRunning();
  const url = `http://127.0.0.1:${serverPort}`;

  // --- the people
  const consoles = await connectConsoles(url, context, closers);
  const { alice, bob, all } = consoles;
  const chats = await openChats(url, consoles, { count: config.patrons }, context, closers);
  const { patrons, chatIds } = chats;

  // --- the chatting
  const stopTyping = startTyping(patrons, [alice, bob], context);

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
  await stopTyping();
  const parties: Party[] = [...patrons, ...all];
  const { settled, settleMs } = await waitToSettle({
    databaseUrl,
    chatIds,
    parties,
    settleMs: config.settleMs,
    ensureRunning: async () => supervisor?.ensureRunning(),
    log,
  });

  // --- check
  const { rows: dbRows, lastSeqs } = await withDatabase(databaseUrl, async (client) => {
    const messages = await client.query<DbMessage>(
      'SELECT chat_id, id, seq, author_kind FROM messages WHERE chat_id = ANY($1) ORDER BY chat_id, seq',
      [chatIds],
    );
    const chatRows = await client.query<{ id: string; last_seq: number; status: string }>(
      'SELECT id, last_seq, status FROM chats WHERE id = ANY($1)',
      [chatIds],
    );
    return { rows: messages.rows, lastSeqs: chatRows.rows };
  });
  const check = checkMessages({ rows: dbRows, chatRows: lastSeqs, parties, chats, consoles });
  const { sum, byParty } = check;
  const faultRecoveries = recoveries(faults, parties);
  const result = {
    config: { ...config, synchronousCommit: syncCommit, serverRoot, serverCommit: commitOf(serverRoot) },
    durationMs: since(),
    settled,
    settleMs,
    ...check.counts,
    criteria: { ...check.criteria, serverCrashes: supervisor.crashes.length },
    details: { ...check.details, chatStatuses: Object.fromEntries(lastSeqs.map((chat) => [chat.id, chat.status])) },
    server: {
      starts: supervisor.starts,
      crashes: supervisor.crashes,
      failedStarts: supervisor.failedStarts,
      unhandledLines: supervisor.unhandledLines,
      stderr: commonestKinds(supervisor.stderrKinds),
      log: commonestKinds(supervisor.logKinds),
    },
    faults: faultRecoveries,
    views: faultyViews(check.views),
  };

  // --- report
  console.log('');
  console.log(
    `fault drill on PostgreSQL: ${config.rounds} rounds, ${faults.length} faults, ${patrons.length} patrons, ` +
      `${(result.durationMs / 1000).toFixed(0)} s`,
  );
  sendRows(check);
  row(
    'acknowledged lost: missing from a view',
    sum((view) => view.ackedMissing),
    json(byParty((view) => view.ackedMissing)),
  );
  viewRows(check);
  row(
    'server crashes',
    supervisor.crashes.length,
    supervisor.crashes.some((c) => c.unhandled) ? "'Unhandled' on stderr" : verdict(supervisor.crashes.length),
  );
  row(
    'server starts that failed (retried every second)',
    supervisor.failedStarts.length,
    failedStartReasons(supervisor.failedStarts),
  );
  clientRows(check, { settled, settleMs });
  console.log(
    '  faults (down = until the server listened / PostgreSQL started again; recovered = every party acked again):',
  );
  faultLines(faultRecoveries, 22);
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
