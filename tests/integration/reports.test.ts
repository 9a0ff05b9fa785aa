import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENT_PATHS } from '../../src/protocol/admin';
import { DESK_SETTINGS_PATHS } from '../../src/protocol/desk-settings';
import { REPORT_PATHS, type ReportChats, type ReportSummary } from '../../src/protocol/reports';
import { ask, closeAllClients, dataOf, login, type SignedInOperator, signIn } from '../support/clients';
import { messageId, patronAsks } from '../support/flows';
import { callApi, errorOf } from '../support/http-calls';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

/**
 * Reports (issue 14) against answers worked out by hand: a week of 30 chats in America/New_York,
 * Monday 26 October to Sunday 1 November 2026, the Sunday on which clocks go back an hour. Every chat's
 * wait, first answer, duration, question type, READ level and rating follow from its number `i`:
 *
 * - i = 0..27: four chats a day at 10:00, 12:00, 14:00 and 16:00 local; i = 28 on Saturday at 23:30
 *   EDT (already Sunday in UTC); i = 29 at the second 01:30 of Sunday (EST, after the change).
 * - i = 3, 13, 23 are missed: the patron leaves after 2 minutes, unanswered.
 * - every other chat waits 30 s x (1 + i % 3) before its claim (nine each of 30, 60, 90 s), is answered
 *   10 s after the claim, and lasts 5 min (even i, Alice's) or 15 min (odd i, Bob's) from the claim;
 *   its entry is Directional (even) or Reference (odd), READ level i % 6 + 1, and 5 or 15 minutes.
 * - i = 0, 10, 20 are rated 5 and i = 5, 15, 25 rated 4 (i = 0 with a comment).
 * - Alice is Online Monday to Friday 9:00-17:00 local; nobody else ever is.
 */

const ZONE = 'America/New_York';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const WEEK = { from: '2026-10-26', to: '2026-11-01' };
const MISSED = new Set([3, 13, 23]);
const RATINGS = new Map([
  [0, 5],
  [5, 4],
  [10, 5],
  [15, 4],
  [20, 5],
  [25, 4],
]);

/** New York is UTC-4 until 06:00 UTC on 1 November 2026, UTC-5 after. */
function askedAt(i: number): number {
  if (i === 28) return Date.parse('2026-11-01T03:30:00Z'); // Saturday 31 October, 23:30 EDT
  if (i === 29) return Date.parse('2026-11-01T06:30:00Z'); // Sunday 1 November, 01:30 EST (the second one)
  const day = Math.floor(i / 4);
  const hour = 10 + (i % 4) * 2;
  const offset = day === 6 ? 5 : 4;
  return Date.parse('2026-10-26T00:00:00Z') + (day * 24 + hour + offset) * 60 * MINUTE;
}

let clock = Date.parse('2026-10-20T12:00:00Z');
let server: TestServer;
let alice: SignedInOperator;
let bob: SignedInOperator;
let samToken: string;

const query = (values: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(values).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])),
  ).toString();
const summaryOf = async (extra: Record<string, string> = {}) => {
  const answer = await callApi(server.url, samToken, 'GET', `${REPORT_PATHS.summary}?${query({ ...WEEK, ...extra })}`);
  expect(answer.status).toBe(200);
  return answer.body as unknown as ReportSummary;
};
const chatsOf = async (filter: Record<string, string | number>) => {
  const answer = await callApi(server.url, samToken, 'GET', `${REPORT_PATHS.chats}?${query({ ...WEEK, ...filter })}`);
  expect(answer.status).toBe(200);
  return answer.body as unknown as ReportChats;
};
const download = async (path: string, values: Record<string, string>, token = samToken) => {
  const response = await fetch(`${server.url}${path}?${query({ ...WEEK, ...values })}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

beforeAll(async () => {
  server = await startTestServer({
    now: () => clock,
    addressLimits: { chatStartsPerMinute: 1000 },
    socketRateLimit: { burst: 1000, perSecond: 1000 },
  });
  const dana = await login(server.url, 'dana');
  expect((await callApi(server.url, dana.token, 'PUT', DEPARTMENT_PATHS.timeZone, { timeZone: ZONE })).status).toBe(
    200,
  );
  samToken = (await login(server.url, 'sam')).token;
  alice = await signIn(server.url, 'alice');
  bob = await signIn(server.url, 'bob');

  for (let i = 0; i < 30; i += 1) {
    clock = askedAt(i);
    const { patron, chatId } = await patronAsks(server.url, {
      question: i === 4 ? 'Do you keep old newspapers on microfiche?' : `Question number ${i}`,
      name: `Patron ${i}`,
      pageUrl: i % 2 === 0 ? 'https://library.example/catalog?q=private' : 'https://library.example/hours',
    });
    if (MISSED.has(i)) {
      clock += 2 * MINUTE;
      dataOf(await ask(patron, 'chat:leave', {}));
      patron.close();
      continue;
    }
    const operator = i % 2 === 0 ? alice : bob;
    clock += 30 * SECOND * (1 + (i % 3));
    dataOf(await ask(operator.socket, 'chat:claim', { chatId }));
    clock += 10 * SECOND;
    dataOf(await ask(operator.socket, 'chat:send', { chatId, id: messageId(), body: `Answer number ${i}` }));
    clock += (i % 2 === 0 ? 5 : 15) * MINUTE - 10 * SECOND;
    dataOf(await ask(operator.socket, 'chat:end', { chatId }));
    dataOf(
      await ask(operator.socket, 'chat:save-analytics', {
        chatId,
        questionTypeId: i % 2 === 0 ? 'directional' : 'reference',
        timeSpentMinutes: i % 2 === 0 ? 5 : 15,
        notes: '',
        readLevel: (i % 6) + 1,
      }),
    );
    const rating = RATINGS.get(i);
    if (rating !== undefined) {
      dataOf(await ask(patron, 'chat:rate', { rating, comment: i === 0 ? 'Very quick, thanks' : undefined }));
    }
    patron.close();
  }

  // Alice's week at the desk: Online 9:00 to 17:00 local, Monday to Friday (UTC-4 that week).
  for (let day = 0; day < 5; day += 1) {
    const midnight = Date.parse(`2026-10-${26 + day}T04:00:00Z`);
    clock = midnight + 9 * 60 * MINUTE;
    dataOf(await ask(alice.socket, 'status:set', { status: 'online' }));
    clock = midnight + 17 * 60 * MINUTE;
    dataOf(await ask(alice.socket, 'status:set', { status: 'offline' }));
  }
}, 120_000);

afterAll(async () => {
  closeAllClients();
  await server.close();
});

describe('the Reports page’s figures', () => {
  it('counts chats, answers, misses, the reference/directional split and ratings', async () => {
    const { totals } = await summaryOf();
    expect(totals).toEqual({
      chats: 30,
      answered: 27,
      missed: 3,
      leftUnanswered: 3,
      transferred: 0,
      screenshared: 0,
      rated: 6,
      averageRating: 4.5,
      reference: 12,
      directional: 15,
    });
  });

  it('buckets by the library’s local day, across the change back from daylight saving time', async () => {
    const summary = await summaryOf();
    expect(summary.timeZone).toBe(ZONE);
    expect(summary.perDay).toEqual([
      { day: '2026-10-26', chats: 4, missed: 1 },
      { day: '2026-10-27', chats: 4, missed: 0 },
      { day: '2026-10-28', chats: 4, missed: 0 },
      { day: '2026-10-29', chats: 4, missed: 1 },
      { day: '2026-10-30', chats: 4, missed: 0 },
      // i = 28 asked at 23:30 EDT on Saturday: already Sunday in UTC, Saturday at the library.
      { day: '2026-10-31', chats: 5, missed: 1 },
      { day: '2026-11-01', chats: 5, missed: 0 },
    ]);
    expect(summary.perWeek).toEqual([{ week: '2026-10-26', chats: 30, missed: 3 }]);
    expect(summary.perMonth).toEqual([
      { month: '2026-10', chats: 25, missed: 3 },
      { month: '2026-11', chats: 5, missed: 0 },
    ]);
  });

  it('maps arrivals onto the week’s hours beside the hours someone was Online', async () => {
    const { heatmap } = await summaryOf();
    const cell = (weekday: number, hour: number) => heatmap.find((c) => c.weekday === weekday && c.hour === hour);
    expect(heatmap).toHaveLength(168);
    expect(heatmap.reduce((sum, c) => sum + c.chats, 0)).toBe(30);
    expect(cell(1, 10)?.chats).toBe(1);
    expect(cell(6, 23)?.chats).toBe(1); // i = 28
    expect(cell(7, 1)?.chats).toBe(1); // i = 29, the second 01:30
    expect(cell(7, 10)?.chats).toBe(1);
    // Alice 9-17 on weekdays; nobody at the weekend, so Saturday's and Sunday's chats were unstaffed.
    expect(cell(1, 9)?.staffedShare).toBe(1);
    expect(cell(5, 16)?.staffedShare).toBe(1);
    expect(cell(1, 17)?.staffedShare).toBe(0);
    expect(cell(1, 8)?.staffedShare).toBe(0);
    expect(cell(6, 10)?.staffedShare).toBe(0);
    const staffedHours = heatmap.filter((c) => c.staffedShare > 0).length;
    expect(staffedHours).toBe(5 * 8);
  });

  it('gives the median and 90th percentile of waits, first answers and durations', async () => {
    const summary = await summaryOf();
    // Waits: nine each of 30, 60 and 90 s; the 14th of 27 is 60 s; the 90th percentile sits among the 90s.
    expect(summary.wait).toMatchObject({ count: 27, medianMs: 60 * SECOND, p90Ms: 90 * SECOND });
    expect(Object.fromEntries(summary.wait.buckets.map((b) => [b.label, b.chats]))).toMatchObject({
      'under 30 s': 0,
      '30 s to 1 min': 9,
      '1 to 2 min': 18,
      '2 to 5 min': 0,
    });
    expect(summary.firstReply).toMatchObject({ count: 27, medianMs: 70 * SECOND, p90Ms: 100 * SECOND });
    // Durations: fifteen of 5 min (even i), twelve of 15 min (odd i).
    expect(summary.duration).toMatchObject({ count: 27, medianMs: 5 * MINUTE, p90Ms: 15 * MINUTE });
  });

  it('counts question types, READ levels, ratings, comments, operators, browsers and pages', async () => {
    const summary = await summaryOf();
    expect(summary.questionTypes).toEqual([
      { key: 'directional', label: 'Directional', countsAs: 'directional', chats: 15 },
      { key: 'reference', label: 'Reference', countsAs: 'reference', chats: 12 },
    ]);
    expect(summary.readLevels.map((row) => row.chats)).toEqual([5, 4, 5, 4, 5, 4]);
    expect(summary.ratings.map((row) => row.chats)).toEqual([0, 0, 0, 3, 3]);
    expect(summary.comments.map((c) => [c.rating, c.comment])).toEqual([[5, 'Very quick, thanks']]);
    expect(
      summary.operators.map(({ name, chats, minutes, rated, averageRating }) => ({
        name,
        chats,
        minutes,
        rated,
        averageRating,
      })),
    ).toEqual([
      { name: 'Alice', chats: 15, minutes: 75, rated: 3, averageRating: 5 },
      { name: 'Bob', chats: 12, minutes: 180, rated: 3, averageRating: 4 },
    ]);
    expect(summary.browsers.reduce((sum, row) => sum + row.chats, 0)).toBe(30);
    expect(summary.pages).toEqual([
      { key: 'https://library.example/catalog', label: 'https://library.example/catalog', chats: 15 },
      { key: 'https://library.example/hours', label: 'https://library.example/hours', chats: 15 },
    ]);
  });

  it('narrows to one department', async () => {
    expect((await summaryOf({ department: 'general-reference' })).totals.chats).toBe(30);
    expect((await summaryOf({ department: 'research-help' })).totals.chats).toBe(0);
  });
});

describe('the chats behind a bar or a cell', () => {
  it('lists them for each kind of filter', async () => {
    const saturdayNight = await chatsOf({ weekday: 6, hour: 23 });
    expect(saturdayNight.chats.map((chat) => chat.patronLabel)).toEqual(['Patron 28']);
    expect((await chatsOf({ day: '2026-10-31' })).total).toBe(5);
    expect((await chatsOf({ outcome: 'missed' })).chats.map((c) => c.patronLabel).sort()).toEqual([
      'Patron 13',
      'Patron 23',
      'Patron 3',
    ]);
    expect((await chatsOf({ bucket: 'wait:30s' })).total).toBe(9);
    expect((await chatsOf({ rating: 5 })).total).toBe(3);
    expect((await chatsOf({ operator: bob.me.id })).total).toBe(12);
    expect((await chatsOf({ questionType: 'directional' })).total).toBe(15);
    expect((await chatsOf({ readLevel: 2 })).total).toBe(4);
    expect((await chatsOf({ askedFrom: 'https://library.example/hours' })).total).toBe(15);
    expect((await chatsOf({ month: '2026-11' })).total).toBe(5);
  });

  it('pages through them, newest first', async () => {
    const first = await chatsOf({});
    expect(first).toMatchObject({ total: 30, page: 1 });
    expect(first.chats[0]?.patronLabel).toBe('Patron 27'); // Sunday 16:00, the week's last
    expect(first.chats.map((c) => c.createdAt)).toEqual([...first.chats.map((c) => c.createdAt)].sort((a, b) => b - a));
  });

  it('refuses a filter it does not know, naming it', async () => {
    const answer = await callApi(
      server.url,
      samToken,
      'GET',
      `${REPORT_PATHS.chats}?${query({ ...WEEK, bucket: 'wait:7s' })}`,
    );
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).message).toContain('bucket');
  });
});

describe('exports', () => {
  it('one CSV row per chat, the same chats as the page', async () => {
    const csv = await download(REPORT_PATHS.chatsCsv, {});
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/^chat_id,department,asked_at,local_day,/);
    expect(lines).toHaveLength(31);
    const saturday = lines.find((line) => line.includes('Patron 28'));
    expect(saturday).toContain('2026-10-31T23:30:00');
    expect(saturday).toContain(',2026-10-31,6,23,');
    expect(csv.text).not.toContain('Answer number');
    expect(csv.text).not.toContain('q=private');
  });

  it('adds the transcript text only when asked', async () => {
    const csv = await download(REPORT_PATHS.chatsCsv, { text: '1' });
    expect(csv.text.trim().split('\n')[0]).toMatch(/,transcript$/);
    expect(csv.text).toContain('Alice: Answer number 0');
  });

  it('each report table as CSV', async () => {
    const perDay = await download(REPORT_PATHS.tableCsv, { table: 'per-day' });
    expect(perDay.text.trim().split('\n')).toEqual([
      'day,chats,missed',
      '2026-10-26,4,1',
      '2026-10-27,4,0',
      '2026-10-28,4,0',
      '2026-10-29,4,1',
      '2026-10-30,4,0',
      '2026-10-31,5,1',
      '2026-11-01,5,0',
    ]);
    const operators = await download(REPORT_PATHS.tableCsv, { table: 'operators' });
    expect(operators.text).toContain('Bob,12,180,3,4');
  });

  it('every transcript of the range, as JSON lines or text', async () => {
    const json = await download(REPORT_PATHS.transcripts, { format: 'json' });
    const documents = json.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { question: string; messages: Array<{ body: string }> });
    expect(documents).toHaveLength(30);
    const microfiche = documents.find((doc) => doc.question.includes('microfiche'));
    expect(microfiche?.messages.map((m) => m.body)).toContain('Answer number 4');
    const text = await download(REPORT_PATHS.transcripts, { format: 'text' });
    expect(text.text).toContain('Question: Do you keep old newspapers on microfiche?');
  });
});

describe('the Transcripts tab’s search', () => {
  const search = async (query: Record<string, unknown>) => dataOf(await ask(alice.socket, 'transcripts:search', query));
  const labels = (found: Awaited<ReturnType<typeof search>>) => found.chats.map((chat) => chat.patron.name).sort();

  it('finds chats by their words, stemmed, with the last word as a prefix', async () => {
    expect(labels(await search({ text: 'microfiche' }))).toEqual(['Patron 4']);
    expect(labels(await search({ text: 'newspaper' }))).toEqual(['Patron 4']); // "newspapers"
    expect(labels(await search({ text: 'old micro' }))).toEqual(['Patron 4']);
    expect((await search({ text: 'answer number' })).total).toBe(27);
    expect((await search({ text: 'nothing like this' })).total).toBe(0);
    // Query syntax typed by a person is just words.
    expect((await search({ text: 'microfiche" *' })).total).toBe(1);
  });

  it('filters by patron, who answered, question type, rating and dates, and pages', async () => {
    expect(labels(await search({ patron: 'patron 2' }))).toEqual([
      'Patron 2',
      'Patron 20',
      'Patron 21',
      'Patron 22',
      'Patron 23',
      'Patron 24',
      'Patron 25',
      'Patron 26',
      'Patron 27',
      'Patron 28',
      'Patron 29',
    ]);
    expect((await search({ operatorId: bob.me.id })).total).toBe(12);
    expect((await search({ questionTypeId: 'directional', rating: 5 })).total).toBe(3);
    expect((await search({ from: '2026-10-31', to: '2026-10-31' })).total).toBe(5);
    // Alice's on the Sunday: i = 24 and 26 (i = 28 was asked on Saturday, local time).
    expect((await search({ text: 'answer', operatorId: alice.me.id, from: '2026-11-01' })).total).toBe(2);
    const page = await search({});
    expect(page).toMatchObject({ total: 30, page: 1, pageSize: 50 });
    expect(page.chats.map((chat) => chat.endedAt)).toEqual(
      [...page.chats.map((chat) => chat.endedAt)].sort((a, b) => (b ?? 0) - (a ?? 0)),
    );
  });

  it('shows only chats the searcher may read, and names a bad filter', async () => {
    await addAccount(server, {
      username: 'rhea',
      displayName: 'Rhea',
      role: 'operator',
      departmentIds: ['research-help'],
    });
    const other = await signIn(server.url, 'rhea');
    expect(dataOf(await ask(other.socket, 'transcripts:search', { text: 'microfiche' })).total).toBe(0);
    const refused = await ask(alice.socket, 'transcripts:search', { rating: 9 });
    expect(refused.ok ? 'found' : refused.error.code).toBe('BAD_REQUEST');
  });
});

describe('what libraries count', () => {
  it('an admin turns the READ scale on: open consoles are told, and a sync says so', async () => {
    const dana = await login(server.url, 'dana');
    expect(dataOf(await ask(alice.socket, 'console:sync', {})).readScale).toBe(false);
    const pushed = new Promise<{ readScale?: boolean }>((resolve) => alice.socket.once('desk:settings', resolve));
    const answer = await callApi(server.url, dana.token, 'PUT', DESK_SETTINGS_PATHS.readScale, { enabled: true });
    expect(answer.status).toBe(200);
    expect(answer.body.readScale).toBe(true);
    expect((await pushed).readScale).toBe(true);
    expect(dataOf(await ask(alice.socket, 'console:sync', {})).readScale).toBe(true);
    const refused = await callApi(server.url, dana.token, 'PUT', DESK_SETTINGS_PATHS.readScale, { enabled: 'yes' });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body).message).toContain('enabled');
  });

  it('each question type says whether it counts as reference or directional', async () => {
    const sync = dataOf(await ask(alice.socket, 'console:sync', {}));
    expect(sync.questionTypes.find((type) => type.id === 'directional')?.countsAs).toBe('directional');
    expect(sync.questionTypes.find((type) => type.id === 'reference')?.countsAs).toBe('reference');
  });
});

describe('who may read reports', () => {
  it('an operator can open neither the page’s figures nor the exports', async () => {
    for (const path of [REPORT_PATHS.summary, REPORT_PATHS.chats, REPORT_PATHS.chatsCsv, REPORT_PATHS.transcripts]) {
      const answer = await download(path, {}, alice.token);
      expect(answer.status, path).toBe(403);
      expect(answer.text).toContain('supervisors and admins');
    }
    const anonymous = await fetch(`${server.url}${REPORT_PATHS.summary}?${query(WEEK)}`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a range it cannot read, saying why', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ from: '2026-13-01', to: '2026-12-01' }, 'from'],
      [{ from: '2026-11-02', to: '2026-11-01' }, 'before from'],
      [{ from: '2024-01-01', to: '2026-01-01' }, 'longer than'],
      [{ ...WEEK, department: 'no-such-desk' }, 'department'],
    ];
    for (const [values, words] of cases) {
      const answer = await callApi(server.url, samToken, 'GET', `${REPORT_PATHS.summary}?${query(values)}`);
      expect(answer.status, JSON.stringify(values)).toBe(400);
      expect(errorOf(answer.body).message).toContain(words);
    }
  });
});
