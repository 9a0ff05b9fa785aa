/**
 * bench/patrons-leaving: a drill, not a speed test. A busy hour compressed:
 * `--chats` patrons ask (default 500), every second one closes the page before
 * anyone claims their chat, and a librarian claims and ends the others as they
 * come. Once the return period is over, the drill counts what the database
 * holds: there must be no waiting chat whose patron is gone, every chat of a
 * patron who left must have ended unanswered (missed), and every chat of a
 * patron who stayed must have been answered.
 *
 *   npx tsx bench/patrons-leaving.ts [--chats 500] [--return-seconds 3]
 *
 * SQLite as the server runs it by default; prints the counts and exits 1 when
 * the drill finds a dropped patron.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { connected, positiveOption, startDeskbell } from './bench-kit';
import { demoLogin } from './demo-login';

const BENCH = 'patrons-leaving';
const { values } = parseArgs({
  options: { chats: { type: 'string', default: '500' }, 'return-seconds': { type: 'string', default: '3' } },
});
const chats = positiveOption(BENCH, 'chats', values.chats);
const returnSeconds = positiveOption(BENCH, 'return-seconds', values['return-seconds']);
/** The server stores an absence after its settle period (3 s), then waits the return period; the upkeep ticks each second. */
const SETTLE_SECONDS = 3;

async function request(socket: Socket, event: string, payload: unknown): Promise<{ data?: unknown }> {
  const ack = (await socket.timeout(30_000).emitWithAck(event, payload)) as { ok: boolean; error?: unknown };
  if (!ack.ok) throw new Error(`${event} refused: ${JSON.stringify(ack.error)}`);
  return ack as { data?: unknown };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbell-bench-leaving-'));
  const server = await startDeskbell({ dataDir, env: { DESKBELL_PATRON_RETURN_SECONDS: String(returnSeconds) } });
  const sockets: Socket[] = [];
  try {
    const alice = await connected(
      connect(`${server.url}/operator`, {
        transports: ['websocket'],
        forceNew: true,
        auth: { token: await demoLogin(server.url, 'alice') },
      }),
    );
    sockets.push(alice);
    await request(alice, 'status:set', { status: 'online' });

    const stayed: string[] = [];
    const left: string[] = [];
    const started = performance.now();
    for (let index = 0; index < chats; index += 1) {
      const patron = await connected(connect(`${server.url}/patron`, { transports: ['websocket'], forceNew: true }));
      sockets.push(patron);
      const { data } = await request(patron, 'chat:start', {
        departmentId: 'general-reference',
        question: `Question ${index + 1} of the drill`,
      });
      const chatId = (data as { chat: { id: string } }).chat.id;
      if (index % 2 === 1) {
        // Gone before anyone claimed it: the tab closed.
        patron.disconnect();
        left.push(chatId);
      } else {
        stayed.push(chatId);
        // The librarian works the queue as it comes, a few chats behind.
        const claimable = stayed.length > 3 ? stayed[stayed.length - 4] : undefined;
        if (claimable) {
          await request(alice, 'chat:claim', { chatId: claimable });
          await request(alice, 'chat:end', { chatId: claimable });
        }
      }
    }
    for (const chatId of stayed.slice(-3)) {
      await request(alice, 'chat:claim', { chatId });
      await request(alice, 'chat:end', { chatId });
    }
    const askedMs = performance.now() - started;
    // Every absence stored, every return period over, and a few upkeep ticks to spare.
    await sleep((SETTLE_SECONDS + returnSeconds + 3) * 1000);

    const db = new Database(join(dataDir, 'deskbell.sqlite'), { readonly: true });
    const count = (sql: string, ids: string[]) =>
      (db.prepare(`${sql} AND id IN (${ids.map(() => '?').join(',')})`).get(...ids) as { n: number }).n;
    const figures = {
      chats,
      patronsWhoLeft: left.length,
      waitingWithPatronGone: count(
        "SELECT count(*) AS n FROM chats WHERE status = 'waiting' AND patron_away_since IS NOT NULL",
        left,
      ),
      leftStillOpen: count("SELECT count(*) AS n FROM chats WHERE status != 'ended'", left),
      leftEndedMissed: count("SELECT count(*) AS n FROM chats WHERE status = 'ended' AND ended_by = 'missed'", left),
      stayedAnswered: count('SELECT count(*) AS n FROM chats WHERE claimed_at IS NOT NULL', stayed),
      stayedMissed: count("SELECT count(*) AS n FROM chats WHERE ended_by = 'missed'", stayed),
      askedInSeconds: Math.round(askedMs / 100) / 10,
    };
    db.close();
    console.log(`${BENCH}: ${JSON.stringify(figures)}`);
    const dropped =
      figures.waitingWithPatronGone > 0 ||
      figures.leftStillOpen > 0 ||
      figures.leftEndedMissed !== left.length ||
      figures.stayedAnswered !== stayed.length ||
      figures.stayedMissed > 0;
    console.log(dropped ? `${BENCH}: a patron was dropped` : `${BENCH}: nobody dropped`);
    process.exitCode = dropped ? 1 : 0;
  } finally {
    for (const socket of sockets) socket.disconnect();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
