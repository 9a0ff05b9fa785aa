import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { escalationPath } from '../../src/protocol/escalation';
import { ask, closeAllClients, dataOf, login, nextEvent, recordEvents, settle, signIn } from '../support/clients';
import { goOnline, patronAsks } from '../support/flows';
import { addAccount, startTestServer, type TestServer } from '../support/test-server';

/**
 * The supervisor's desk (issue 13): a waiting chat climbs its department's
 * escalation ladder (T1 its operators, T2 the supervisors and the backup
 * department, T3 the patron is offered to leave a follow-up), each rung acted
 * on once, also across a restart; the dark-desk alarm in hours; whispers
 * that never reach the patron; a colleague's status set from the Desk view.
 * A real server on a clock the test moves, SQLite and PostgreSQL.
 */

const SECOND = 1000;
let clock = Date.parse('2026-12-02T15:00:00Z');
let server: TestServer;
const timings = { deskWatchIntervalMs: 40, darkDeskMs: 60 * SECOND };

beforeAll(async () => {
  server = await startTestServer({ now: () => clock, timings });
  await addAccount(server, {
    username: 'rhea',
    displayName: 'Rhea',
    role: 'operator',
    departmentIds: ['research-help'],
  });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

async function putLadder(token: string, departmentId: string, ladder: unknown) {
  const response = await fetch(`${server.url}${escalationPath(departmentId)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ladder }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const stepOf = async (chatId: string) =>
  (
    await server.storage.db
      .selectFrom('chats')
      .select('escalation_step')
      .where('id', '=', chatId)
      .executeTakeFirstOrThrow()
  ).escalation_step;

describe('the escalation ladder', () => {
  it('T1 tells the department again, T2 the supervisors and the backup department (who may claim), T3 offers the patron a follow-up', async () => {
    const { token } = await login(server.url, 'dana');
    const refused = await putLadder(token, 'general-reference', {
      t1Seconds: 60,
      t2Seconds: 30,
      t3Seconds: 90,
      backupDepartmentId: null,
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { message: 'ladder.t2Seconds: T2 comes before T1' } },
    });
    const set = await putLadder(token, 'general-reference', {
      t1Seconds: 60,
      t2Seconds: 120,
      t3Seconds: 180,
      backupDepartmentId: 'research-help',
    });
    expect(set.status).toBe(200);

    const alice = await signIn(server.url, 'alice');
    const sam = await signIn(server.url, 'sam');
    const rhea = await signIn(server.url, 'rhea');
    const aliceHeard = recordEvents(alice.socket, 'chat:escalated');
    const samHeard = recordEvents(sam.socket, 'chat:escalated');
    const { patron, chatId } = await patronAsks(server.url);
    // Rhea monitors only Research Help: she does not see the chat while it waits below T2.
    const rheaSync = dataOf(await ask(rhea.socket, 'console:sync', {}));
    expect(rheaSync.chats.map((chat) => chat.id)).not.toContain(chatId);
    expect((await ask(rhea.socket, 'chat:claim', { chatId })).ok).toBe(false);

    clock += 61 * SECOND;
    const t1 = await nextEvent(alice.socket, 'chat:escalated', (event) => event.chat.id === chatId);
    expect(t1).toMatchObject({ step: 1, chat: { escalationStep: 1, backupDepartmentId: null } });
    expect(await stepOf(chatId)).toBe(1);

    const rheaNew = nextEvent(rhea.socket, 'chat:new', (chat) => chat.id === chatId);
    clock += 60 * SECOND;
    const t2 = await nextEvent(sam.socket, 'chat:escalated', (event) => event.chat.id === chatId && event.step === 2);
    expect(t2.chat.backupDepartmentId).toBe('research-help');
    expect((await rheaNew).backupDepartmentId).toBe('research-help');
    const offered = nextEvent(patron, 'chat:follow-up-offered');
    clock += 60 * SECOND;
    expect(await offered).toEqual({ chatId });
    await settle(alice.socket);
    await settle(sam.socket);
    // Each rung once, to each console, however many ticks of the watch passed.
    expect(aliceHeard.filter((event) => event.chat.id === chatId).map((event) => event.step)).toEqual([1, 2, 3]);
    expect(samHeard.filter((event) => event.chat.id === chatId).map((event) => event.step)).toEqual([1, 2, 3]);

    // The backup department may answer it.
    const claimed = dataOf(await ask(rhea.socket, 'chat:claim', { chatId }));
    expect(claimed.chat.ownerId).toBe(rhea.me.id);
  });

  it('a patron past T3 leaves a follow-up: stored, noted for staff, the chat ends, the Desk view lists it until answered', async () => {
    const { token } = await login(server.url, 'dana');
    await putLadder(token, 'general-reference', null); // the defaults: 2, 5, 10 minutes
    const sam = await signIn(server.url, 'sam');
    const { patron, chatId } = await patronAsks(server.url, { name: 'Jo' });
    const early = await ask(patron, 'chat:leave-follow-up', { email: 'jo@example.org', question: 'Maps?' });
    expect(early.ok ? 'left' : early.error.code).toBe('CHAT_NOT_ACTIVE');

    const offered = nextEvent(patron, 'chat:follow-up-offered');
    clock += 11 * 60 * SECOND;
    await offered;
    const bad = await ask(patron, 'chat:leave-follow-up', { email: 'not an address', question: 'Maps?' });
    expect(bad.ok ? 'left' : bad.error.message).toMatch(/email/);
    const changed = nextEvent(sam.socket, 'follow-up:changed');
    dataOf(
      await ask(patron, 'chat:leave-follow-up', { email: 'jo@example.org', question: 'Maps of the parish, 1850?' }),
    );
    const followUp = await changed;
    expect(followUp).toMatchObject({ chatId, email: 'jo@example.org', patronName: 'Jo', answeredAt: null });
    const overview = dataOf(await ask(sam.socket, 'desk:overview', {}));
    expect(overview.followUps.map((entry) => entry.chatId)).toContain(chatId);
    const transcript = dataOf(await ask(sam.socket, 'chat:transcript', { chatId }));
    expect(transcript.chat).toMatchObject({ status: 'ended', endedBy: 'patron' });
    const notes = dataOf(await ask(sam.socket, 'chat:staff-notes', { chatId })).notes;
    expect(notes.map((note) => note.kind)).toEqual(['follow-up']);

    const answered = dataOf(await ask(sam.socket, 'follow-ups:answered', { followUpId: followUp.id })).followUp;
    expect(answered).toMatchObject({ answeredByName: 'Sam' });
    expect(dataOf(await ask(sam.socket, 'desk:overview', {})).followUps.map((entry) => entry.id)).not.toContain(
      followUp.id,
    );
  });

  it('a restart neither forgets a rung nor acts on one twice', async () => {
    const { chatId } = await patronAsks(server.url);
    clock += 2 * 60 * SECOND + SECOND;
    await expect.poll(() => stepOf(chatId), { timeout: 5000 }).toBe(1);
    closeAllClients();
    const again = await startTestServer({ sameDatabaseAs: server, now: () => clock, timings });
    try {
      const samAgain = await signIn(again.url, 'sam');
      const heard = recordEvents(samAgain.socket, 'chat:escalated');
      // Both nodes watch now; the lease and the conditional write let one act, once.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await settle(samAgain.socket);
      expect(heard.filter((event) => event.chat.id === chatId)).toEqual([]);
      clock += 3 * 60 * SECOND;
      await expect.poll(() => stepOf(chatId), { timeout: 5000 }).toBe(2);
    } finally {
      closeAllClients();
      await again.close();
    }
  });
});

describe('the dark-desk alarm', () => {
  it('in hours, nobody Online for a minute alerts the supervisors once; someone going Online clears it', async () => {
    const sam = await signIn(server.url, 'sam');
    const rhea = await signIn(server.url, 'rhea');
    const watchOf = () =>
      server.storage.db
        .selectFrom('department_watch')
        .select(['covered_at', 'alarm_since'])
        .where('department_id', '=', 'research-help')
        .executeTakeFirstOrThrow();
    // Covered first (any standing alarm from the tests before goes), then Rhea steps away.
    await goOnline(rhea.socket);
    await expect.poll(async () => (await watchOf()).covered_at, { timeout: 5000 }).toBe(clock);
    expect((await watchOf()).alarm_since).toBeNull();
    dataOf(await ask(rhea.socket, 'status:set', { status: 'away' }));
    const alarms = recordEvents(sam.socket, 'desk:alarm');
    clock += 30 * SECOND;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle(sam.socket);
    expect(alarms.filter((alarm) => alarm.department.id === 'research-help')).toEqual([]);
    const dark = dataOf(await ask(sam.socket, 'desk:overview', {})).departments.find((d) => d.id === 'research-help');
    expect(dark).toMatchObject({ coverage: 'dark' });

    clock += 31 * SECOND;
    const raised = await nextEvent(sam.socket, 'desk:alarm', (alarm) => alarm.department.id === 'research-help');
    expect(raised).toMatchObject({ raised: true, department: { coverage: 'alarm' } });
    clock += 61 * SECOND;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle(sam.socket);
    expect(alarms.filter((alarm) => alarm.department.id === 'research-help')).toHaveLength(1);
    const overview = dataOf(await ask(sam.socket, 'desk:overview', {}));
    expect(overview.departments.find((department) => department.id === 'research-help')?.coverage).toBe('alarm');

    const cleared = nextEvent(
      sam.socket,
      'desk:alarm',
      (alarm) => alarm.department.id === 'research-help' && !alarm.raised,
    );
    await goOnline(rhea.socket);
    expect((await cleared).department.coverage).toBe('covered');
    // An operator's console is not told (only supervisors and admins are in the room).
    expect(recordEvents(rhea.socket, 'desk:alarm')).toEqual([]);
  });
});

describe('whispers and a colleague’s status', () => {
  it('a supervisor watches and whispers: the operator hears it, the patron never does; an operator may not', async () => {
    const alice = await signIn(server.url, 'alice');
    const sam = await signIn(server.url, 'sam');
    const { patron, chatId } = await patronAsks(server.url);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    const patronHeard = recordEvents(patron, 'chat:message');
    const aliceNotes = recordEvents(alice.socket, 'chat:staff-note');

    const watched = dataOf(await ask(sam.socket, 'chat:watch', { chatId }));
    expect(watched.notes.map((note) => note.body)).toEqual(['Sam is watching this chat.']);
    dataOf(await ask(sam.socket, 'chat:watch', { chatId })); // told once
    const whisper = dataOf(await ask(sam.socket, 'chat:whisper', { chatId, body: 'Try the 1850 tithe map.' })).note;
    expect(whisper).toMatchObject({ kind: 'whisper', authorName: 'Sam' });
    await settle(alice.socket);
    expect(aliceNotes.map((note) => note.kind)).toEqual(['watching', 'whisper']);
    const refused = await ask(alice.socket, 'chat:whisper', { chatId, body: 'hello' });
    expect(refused.ok ? 'sent' : refused.error.code).toBe('FORBIDDEN');
    await settle(patron);
    expect(patronHeard.map((message) => message.body).join('\n')).not.toMatch(/tithe|watching/);
    const stored = await server.storage.db
      .selectFrom('messages')
      .select('body')
      .where('chat_id', '=', chatId)
      .execute();
    expect(stored.map((row) => row.body).join('\n')).not.toContain('tithe');
  });

  it('a supervisor sets a forgotten Online to Away: the colleague’s console is told, the audit log records it; an operator may not', async () => {
    const alice = await signIn(server.url, 'alice');
    const bob = await signIn(server.url, 'bob');
    const sam = await signIn(server.url, 'sam');
    await goOnline(bob.socket);
    const told = nextEvent(bob.socket, 'status:changed');
    const set = dataOf(await ask(sam.socket, 'operators:set-status', { operatorId: bob.me.id, status: 'away' }));
    expect(set.presence).toMatchObject({ id: bob.me.id, status: 'away' });
    expect(await told).toEqual({ status: 'away' });
    const refused = await ask(alice.socket, 'operators:set-status', { operatorId: bob.me.id, status: 'online' });
    expect(refused.ok ? 'set' : refused.error.code).toBe('FORBIDDEN');
    const audit = await server.storage.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'target_id'])
      .where('action', '=', 'operator.status-set')
      .execute();
    expect(audit).toEqual([{ action: 'operator.status-set', actor_name: 'Sam', target_id: bob.me.id }]);
  });
});
