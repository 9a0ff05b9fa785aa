/**
 * A year of a busy reference desk, for looking at the Reports page and measuring its queries:
 *
 *   npx tsx scripts/seed-reports.ts [--data-dir DIR | --database-url URL] [--chats 20000] [--days 365]
 *
 * Seeds the demo library (alice, bob, sam, dana) if it is not there, then writes `--chats` ended
 * chats over the `--days` before today in the library's time zone: more on weekdays than at the
 * weekend, a late-morning and an early-evening peak, a few missed; waits, answers and lengths drawn
 * from long-tailed distributions; Question Types, READ levels, ratings and comments; messages; the
 * event log's lines and operators' Online hours (with some gaps). Then the rollup and the search
 * index are worked out by the same code the server runs (backfillChatStats). Repeatable: `--seed`.
 */
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { prepareStorage } from '../server/boot';
import { libraryTimeZone } from '../server/departments/library-time-zone';
import { createRepositories } from '../server/repositories';
import { backfillChatStats } from '../server/reports/chat-stats';
import { newId } from '../server/storage/ids';
import type { DeskbellTables } from '../server/storage/schema';
import type { Insertable } from 'kysely';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.deskbell-reports' },
    'database-url': { type: 'string' },
    chats: { type: 'string', default: '20000' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '14' },
  },
});
const CHATS = Number(values.chats);
const DAYS = Number(values.days);
if (!Number.isInteger(CHATS) || CHATS < 1 || !Number.isInteger(DAYS) || DAYS < 1 || DAYS > 1000) {
  console.error('seed-reports: --chats and --days must be whole numbers (days at most 1000)');
  process.exit(2);
}

/** mulberry32: a small seeded generator, so two runs seed the same year. */
let state = Number(values.seed) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(weighted: ReadonlyArray<readonly [T, number]>): T => {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let left = random() * total;
  for (const [item, weight] of weighted) {
    left -= weight;
    if (left <= 0) return item;
  }
  return weighted[weighted.length - 1]![0];
};
/** Long-tailed: most near `median`, a few many times longer. */
const logNormal = (median: number, spread = 0.8) => {
  const u = Math.max(random(), 1e-9);
  const v = random();
  return median * Math.exp(spread * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
};

const WEEKDAY_WEIGHT = [0, 1.2, 1.25, 1.2, 1.1, 0.8, 0.35, 0.3]; // index 1 Monday .. 7 Sunday
const HOUR_WEIGHT = [
  0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.15, 0.45, 0.8, 1.0, 1.15, 1.05, 1.0, 1.05, 0.95, 0.8, 0.6, 0.55, 0.7,
  0.75, 0.5, 0.2, 0.06,
];
const QUESTION_TYPES = [
  ['reference', 45],
  ['directional', 25],
  ['technical', 15],
  ['policy', 8],
  ['other', 7],
] as const;
const BROWSERS = [
  ['Chrome 131 on Windows', 38],
  ['Safari 18 on iOS', 20],
  ['Chrome 131 on Android', 15],
  ['Firefox 133 on Windows', 9],
  ['Edge 131 on Windows', 10],
  ['Safari 18 on macOS', 8],
] as const;
const PAGES = [
  ['https://library.example/', 30],
  ['https://library.example/catalog', 25],
  ['https://library.example/databases', 15],
  ['https://library.example/hours', 12],
  ['https://library.example/interlibrary-loan', 8],
  ['https://library.example/local-history', 6],
  ['https://library.example/accessibility', 4],
] as const;
const QUESTIONS = [
  'Do you have books on the history of the river mills?',
  'How do I renew my loans online?',
  'Where is the microfiche reader?',
  'Can I get a journal article through interlibrary loan?',
  'What time does the library close on Saturday?',
  'I need peer-reviewed sources on coastal erosion',
  'How do I print from my laptop?',
  'Is there a quiet study room I can book?',
  'Can you help me cite a government report in APA?',
  'Do you keep old newspapers from the 1920s?',
];
const COMMENTS = [
  'Very quick, thank you!',
  'Found exactly what I needed.',
  'A bit of a wait but worth it.',
  'Helpful librarian.',
];

const storage = (
  await prepareStorage({
    databaseUrl: values['database-url'],
    dataDir: values['data-dir'],
    demo: true,
    settings: {},
    adminPassword: undefined,
  })
).storage;
const db = storage.db;
const repos = createRepositories(db);
const zone = await libraryTimeZone(repos.departments);
const operators = await db.selectFrom('accounts').select(['id', 'display_name']).where('role', '!=', 'admin').execute();
const departments = (await repos.departments.list()).map((department) => department.id);
if (operators.length === 0 || departments.length === 0) throw new Error('seed-reports: the demo library is missing');

const today = DateTime.now().setZone(zone).startOf('day');
const first = today.minus({ days: DAYS });
// Each chat's day and hour drawn by weight, so the heatmap shows a week's rhythm.
const dayWeights = Array.from({ length: DAYS }, (_, index) => {
  const day = first.plus({ days: index });
  return [day, WEEKDAY_WEIGHT[day.weekday] ?? 1] as const;
});
const hourWeights = HOUR_WEIGHT.map((weight, hour) => [hour, weight] as const);

console.log(
  `seed-reports: ${CHATS} chats over ${DAYS} days in ${zone} into ${values['database-url'] ?? values['data-dir']}`,
);
const started = Date.now();
const BATCH = 250;
for (let done = 0; done < CHATS; done += BATCH) {
  const chats: Array<Insertable<DeskbellTables['chats']>> = [];
  const messages: Array<Insertable<DeskbellTables['messages']>> = [];
  const events: Array<Insertable<DeskbellTables['chat_events']>> = [];
  const analytics: Array<Insertable<DeskbellTables['analytics']>> = [];
  const ratings: Array<Insertable<DeskbellTables['chat_ratings']>> = [];
  for (let index = done; index < Math.min(CHATS, done + BATCH); index += 1) {
    const id = newId();
    const day = pick(dayWeights);
    const createdAt = day
      .set({ hour: pick(hourWeights), minute: Math.floor(random() * 60), second: Math.floor(random() * 60) })
      .toMillis();
    const departmentId = random() < 0.8 ? departments[0]! : (departments[1] ?? departments[0]!);
    const missed = random() < 0.07;
    const operator = operators[Math.floor(random() * operators.length)]!;
    const waitMs = Math.round(Math.min(logNormal(45_000, 0.9), 40 * 60_000));
    const claimedAt = createdAt + waitMs;
    const firstReplyAt = claimedAt + Math.round(5_000 + random() * 40_000);
    const endedAt = missed
      ? createdAt + Math.round(logNormal(120_000, 0.5))
      : claimedAt + Math.round(logNormal(6 * 60_000, 0.7));
    const question = QUESTIONS[Math.floor(random() * QUESTIONS.length)]!;
    const named = random() < 0.6;
    chats.push({
      id,
      department_id: departmentId,
      status: 'ended',
      question,
      patron_name: named ? `Patron ${index + 1}` : null,
      patron_email: named && random() < 0.5 ? `patron${index + 1}@example.org` : null,
      patron_ip: null,
      page_url: `${pick(PAGES)}${random() < 0.3 ? '?from=search' : ''}`,
      referrer: null,
      user_agent: null,
      browser: pick(BROWSERS),
      extra_fields: '{}',
      resume_token_hash: `seed-${id}`,
      owner_id: missed ? null : operator.id,
      created_at: createdAt,
      claimed_at: missed ? null : claimedAt,
      ended_at: endedAt,
      ended_by: missed ? 'missed' : random() < 0.7 ? 'operator' : 'patron',
      last_seq: 0,
      lineage_id: id,
    });
    events.push({
      id: newId(),
      at: createdAt,
      kind: 'queued',
      chat_id: id,
      department_id: departmentId,
      actor_id: null,
      value: null,
      detail: null,
    });
    let seq = 0;
    const line = (at: number, authorKind: string, authorName: string, body: string, authorId: string | null = null) =>
      messages.push({
        chat_id: id,
        id: newId(),
        seq: ++seq,
        author_kind: authorKind,
        author_id: authorId,
        author_name: authorName,
        body,
        created_at: at,
        event: null,
      });
    line(createdAt, 'patron', named ? `Patron ${index + 1}` : 'Patron', question);
    if (!missed) {
      events.push({
        id: newId(),
        at: claimedAt,
        kind: 'claimed',
        chat_id: id,
        department_id: departmentId,
        actor_id: operator.id,
        value: null,
        detail: null,
      });
      line(firstReplyAt, 'operator', operator.display_name, 'Hello! I can help with that.', operator.id);
      line(firstReplyAt + 60_000, 'patron', 'Patron', 'Thank you, that would be great.');
      line(
        firstReplyAt + 120_000,
        'operator',
        operator.display_name,
        'Here is where to look in the catalogue.',
        operator.id,
      );
      if (random() < 0.04) {
        events.push({
          id: newId(),
          at: claimedAt + 60_000,
          kind: 'transfer-requested',
          chat_id: id,
          department_id: departmentId,
          actor_id: operator.id,
          value: null,
          detail: null,
        });
      }
      if (random() < 0.02) {
        events.push({
          id: newId(),
          at: claimedAt + 90_000,
          kind: 'screenshare-started',
          chat_id: id,
          department_id: departmentId,
          actor_id: operator.id,
          value: null,
          detail: 'operator-to-patron',
        });
      }
      analytics.push({
        chat_id: id,
        question_type_id: pick(QUESTION_TYPES),
        time_spent_minutes: Math.max(1, Math.round((endedAt - claimedAt) / 60_000)),
        notes: '',
        operator_id: operator.id,
        saved_at: endedAt + 30_000,
        read_level:
          random() < 0.85
            ? pick([
                [1, 20],
                [2, 35],
                [3, 25],
                [4, 12],
                [5, 6],
                [6, 2],
              ] as const)
            : null,
      });
      if (random() < 0.3) {
        const rating = pick([
          [5, 55],
          [4, 28],
          [3, 10],
          [2, 4],
          [1, 3],
        ] as const);
        ratings.push({
          chat_id: id,
          rating,
          comment: random() < 0.25 ? COMMENTS[Math.floor(random() * COMMENTS.length)]! : null,
          rated_at: endedAt + 20_000,
        });
      }
    }
    events.push({
      id: newId(),
      at: endedAt,
      kind: 'ended',
      chat_id: id,
      department_id: departmentId,
      actor_id: null,
      value: null,
      detail: null,
    });
    chats[chats.length - 1]!.last_seq = seq;
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('chats').values(chats).execute();
    for (let at = 0; at < messages.length; at += 500)
      await trx
        .insertInto('messages')
        .values(messages.slice(at, at + 500))
        .execute();
    for (let at = 0; at < events.length; at += 500)
      await trx
        .insertInto('chat_events')
        .values(events.slice(at, at + 500))
        .execute();
    if (analytics.length > 0) await trx.insertInto('analytics').values(analytics).execute();
    if (ratings.length > 0) await trx.insertInto('chat_ratings').values(ratings).execute();
  });
}

// Who was Online: Alice weekday mornings, Bob weekday afternoons and evenings, Sam on Saturdays; a few days off.
const statusLines: Array<Insertable<DeskbellTables['chat_events']>> = [];
const shift = (name: string) => operators.find((o) => o.display_name === name)?.id;
for (let index = 0; index < DAYS; index += 1) {
  const day = first.plus({ days: index });
  const stretches: Array<[string | undefined, number, number]> = [];
  if (day.weekday <= 5) stretches.push([shift('Alice'), 9, 13], [shift('Bob'), 13, 20]);
  if (day.weekday === 6) stretches.push([shift('Sam'), 10, 16]);
  for (const [accountId, from, to] of stretches) {
    if (!accountId || random() < 0.05) continue;
    statusLines.push(
      {
        id: newId(),
        at: day.set({ hour: from }).toMillis(),
        kind: 'status',
        chat_id: null,
        department_id: null,
        actor_id: accountId,
        value: null,
        detail: 'online',
      },
      {
        id: newId(),
        at: day.set({ hour: to }).toMillis(),
        kind: 'status',
        chat_id: null,
        department_id: null,
        actor_id: accountId,
        value: null,
        detail: 'offline',
      },
    );
  }
}
for (let at = 0; at < statusLines.length; at += 500)
  await db
    .insertInto('chat_events')
    .values(statusLines.slice(at, at + 500))
    .execute();

const counted = await backfillChatStats(db);
console.log(
  `seed-reports: ${CHATS} chats written and ${counted} counted in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
await storage.close();
