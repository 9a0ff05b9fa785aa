import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AdminDepartment, DEPARTMENT_PATHS } from '../../src/protocol/admin';
import { ask, closeAllClients, connectPatron, login } from '../support/clients';
import { startTestServer, type TestServer } from '../support/test-server';
import { callApi } from '../support/http-calls';

/**
 * Departments and hours of service from the Administration API (issue 13):
 * create, rename, reorder, retire, monitors, hours in the library's time
 * zone; the widget is told it is closed and when it opens, and a chat is not
 * queued outside hours. Real server, SQLite and PostgreSQL.
 */

// Wednesday 2 December 2026, 20:00 in London: after hours on a weekday.
const EVENING = DateTime.fromISO('2026-12-02T20:00', { zone: 'Europe/London' }).toMillis();
let clock = EVENING;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
  callApi(server.url, token, method, path, body);
const messageOf = (body: Record<string, unknown>) => (body.error as { message: string }).message;
const weekdays = (open: string, close: string) => ({
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day, i) => [day, i < 5 ? [{ open, close }] : []]),
  ),
  closedDates: ['2026-12-25'],
});

describe('departments and their hours', () => {
  it('an admin adds a department with hours; outside them the widget says closed and when it opens, and no chat is queued', async () => {
    const { token } = await login(server.url, 'dana');
    expect((await call(token, 'PUT', DEPARTMENT_PATHS.timeZone, { timeZone: 'Europe/London' })).status).toBe(200);
    const made = await call(token, 'POST', DEPARTMENT_PATHS.departments, { name: 'Local History' });
    expect(made.status).toBe(201);
    expect(made.body.department).toMatchObject({
      id: 'local-history',
      name: 'Local History',
      active: true,
      hours: null,
    });
    const alice = (await login(server.url, 'alice')).operator.id;
    const set = await call(token, 'PATCH', DEPARTMENT_PATHS.department('local-history'), {
      hours: weekdays('09:00', '17:00'),
      monitorIds: [alice],
    });
    expect(set.status).toBe(200);
    expect((set.body.department as AdminDepartment).monitorIds).toEqual([alice]);

    const patron = await connectPatron(server.url);
    const config = await ask(patron, 'widget:config', { departmentId: 'local-history' });
    expect(config.ok && config.data.hours).toEqual({
      open: false,
      opensAt: DateTime.fromISO('2026-12-03T09:00', { zone: 'Europe/London' }).toMillis(),
      opensText: 'tomorrow at 9:00',
    });
    const start = await ask(patron, 'chat:start', { departmentId: 'local-history', question: 'Parish maps?' });
    expect(start.ok ? 'started' : start.error).toEqual({
      code: 'DESK_CLOSED',
      message: 'Local History is closed now; it opens tomorrow at 9:00.',
    });
    const queued = await server.storage.db
      .selectFrom('chats')
      .select('id')
      .where('department_id', '=', 'local-history')
      .execute();
    expect(queued).toEqual([]);

    // Friday evening: it opens Monday 9:00. Thursday noon: open.
    clock = DateTime.fromISO('2026-12-04T18:00', { zone: 'Europe/London' }).toMillis();
    const friday = await ask(patron, 'widget:config', { departmentId: 'local-history' });
    expect(friday.ok && friday.data.hours?.opensText).toBe('Monday 9:00');
    clock = DateTime.fromISO('2026-12-03T12:00', { zone: 'Europe/London' }).toMillis();
    const noon = await ask(patron, 'widget:config', { departmentId: 'local-history' });
    expect(noon.ok && noon.data.hours?.open).toBe(true);
    // The same instant is 07:00 in New York: closed there.
    await call(token, 'PUT', DEPARTMENT_PATHS.timeZone, { timeZone: 'America/New_York' });
    const york = await ask(patron, 'widget:config', { departmentId: 'local-history' });
    expect(york.ok && york.data.hours?.opensText).toBe('today at 9:00');
    clock = EVENING;
  });

  it('retiring a department keeps its history and removes it from the widget; rename and reorder are audited', async () => {
    const { token } = await login(server.url, 'dana');
    await call(token, 'POST', DEPARTMENT_PATHS.departments, { name: 'Maps', id: 'maps' });
    expect((await call(token, 'PATCH', DEPARTMENT_PATHS.department('maps'), { name: 'Maps & Atlases' })).status).toBe(
      200,
    );
    const order = await call(token, 'POST', DEPARTMENT_PATHS.order, { ids: ['maps', 'research-help'] });
    expect((order.body.ids as string[]).slice(0, 2)).toEqual(['maps', 'research-help']);
    const retired = await call(token, 'POST', DEPARTMENT_PATHS.retire('maps'));
    expect((retired.body.department as AdminDepartment).active).toBe(false);
    const patron = await connectPatron(server.url);
    const config = await ask(patron, 'widget:config', { departmentId: 'maps' });
    expect(config.ok ? 'offered' : config.error.code).toBe('DEPARTMENT_NOT_FOUND');
    const listed = await call(token, 'GET', DEPARTMENT_PATHS.departments);
    expect((listed.body.departments as AdminDepartment[]).find((d) => d.id === 'maps')).toMatchObject({
      name: 'Maps & Atlases',
      active: false,
    });
    await call(token, 'POST', DEPARTMENT_PATHS.restore('maps'));
    const back = await ask(patron, 'widget:config', { departmentId: 'maps' });
    expect(back.ok && back.data.department.name).toBe('Maps & Atlases');
    const audit = await server.storage.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_kind', '=', 'department')
      .orderBy('at')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'department.created',
        'department.updated',
        'department.reordered',
        'department.retired',
        'department.restored',
      ]),
    );
  });

  it('refuses a malformed schedule, an unknown zone, a taken id and a non-admin, naming what was wrong', async () => {
    const { token } = await login(server.url, 'dana');
    const bad = await call(token, 'PATCH', DEPARTMENT_PATHS.department('research-help'), {
      hours: weekdays('17:00', '09:00'),
    });
    expect(bad.status).toBe(400);
    expect(messageOf(bad.body)).toBe('hours.weekly.mon.0: closes before it opens');
    const zone = await call(token, 'PUT', DEPARTMENT_PATHS.timeZone, { timeZone: 'Mars/Olympus' });
    expect(messageOf(zone.body)).toMatch(/^timeZone: "Mars\/Olympus" is not a time zone/);
    const taken = await call(token, 'POST', DEPARTMENT_PATHS.departments, { name: 'Research Help' });
    expect(taken.status).toBe(409);
    const monitors = await call(token, 'PATCH', DEPARTMENT_PATHS.department('research-help'), {
      monitorIds: ['ghost'],
    });
    expect(messageOf(monitors.body)).toBe('monitorIds: there is no active account "ghost".');
    for (const username of ['alice', 'sam']) {
      const other = (await login(server.url, username)).token;
      expect((await call(other, 'POST', DEPARTMENT_PATHS.departments, { name: 'Sneaky' })).status).toBe(403);
      expect((await call(other, 'PATCH', DEPARTMENT_PATHS.department('research-help'), { name: 'X' })).status).toBe(
        403,
      );
    }
    const row = await server.storage.db
      .selectFrom('departments')
      .select(['name', 'hours_json'])
      .where('id', '=', 'research-help')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Research Help', hours_json: null });
  });
});
