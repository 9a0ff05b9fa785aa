import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_WIDGET_TEXTS,
  DESK_SETTINGS_PATHS,
  type DeskSettings,
  type WidgetTexts,
} from '../../src/protocol/desk-settings';
import { ask, closeAllClients, connectPatron, dataOf, login, nextEvent, signIn } from '../support/clients';
import { patronAsks } from '../support/flows';
import { startTestServer, type TestServer } from '../support/test-server';
import { callApi } from '../support/http-calls';

/**
 * Desk settings from the Administration API (issue 13): Question Types, the
 * pre-chat form's fields, the widget's words. Each change reaches open
 * consoles and widgets at once and is audited; deskbell.json is the first
 * run's default only. Real server, SQLite and PostgreSQL.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ settingsFile: { widgetTexts: { libraryName: 'Riverside Public Library' } } });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

const call = (token: string | undefined, method: string, path: string, body?: unknown) =>
  callApi(server.url, token, method, path, body);
const messageOf = (body: Record<string, unknown>) => (body.error as { message: string }).message;
const TEXTS: WidgetTexts = {
  libraryName: 'Riverside Public Library',
  greeting: 'Hello! Ask {department} anything.',
  closedText: 'We are closed; leave a message at the front desk.',
  offlineText: 'Everyone is helping someone else; try again soon.',
};

describe('desk settings', () => {
  it('a renamed question type reaches an open console at once; an entry saved under the old name keeps it', async () => {
    const { token } = await login(server.url, 'dana');
    const alice = await signIn(server.url, 'alice');
    dataOf(await ask(alice.socket, 'console:sync', {}));
    const { chatId } = await patronAsks(server.url);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    dataOf(await ask(alice.socket, 'chat:end', { chatId }));
    dataOf(
      await ask(alice.socket, 'chat:save-analytics', { chatId, questionTypeId: 'reference', timeSpentMinutes: 3 }),
    );

    const pushed = nextEvent(alice.socket, 'desk:settings');
    const saved = await call(token, 'PUT', DESK_SETTINGS_PATHS.questionTypes, {
      types: [
        { id: 'reference', label: 'Research question' },
        { id: 'directional', label: 'Directional' },
        { label: 'Printing' },
        { id: 'technical', label: 'Technical' },
      ],
    });
    expect(saved.status).toBe(200);
    const types = (await pushed).questionTypes;
    expect(types.map((type) => type.label)).toEqual(['Research question', 'Directional', 'Printing', 'Technical']);
    expect(types[0]!.id).not.toBe('reference');
    const all = (saved.body as DeskSettings).questionTypes;
    expect(all.filter((type) => !type.active).map((type) => type.id)).toEqual(
      expect.arrayContaining(['reference', 'policy', 'other']),
    );

    const transcript = dataOf(await ask(alice.socket, 'chat:transcript', { chatId }));
    expect(transcript.analytics?.questionTypeLabel).toBe('Reference');
    const sync = dataOf(await ask(alice.socket, 'console:sync', {}));
    expect(sync.questionTypes.map((type) => type.label)).toEqual(types.map((type) => type.label));

    // Putting the old name back brings the retired row back, rather than a third one.
    await call(token, 'PUT', DESK_SETTINGS_PATHS.questionTypes, { types: [{ label: 'Reference' }] });
    const back = dataOf(await ask(alice.socket, 'console:sync', {}));
    expect(back.questionTypes).toEqual([{ id: 'reference', label: 'Reference', countsAs: 'reference' }]);
  });

  it('a required pre-chat field is pushed to open widgets and checked by the server on chat:start', async () => {
    const { token } = await login(server.url, 'dana');
    const patron = await connectPatron(server.url);
    const pushed = nextEvent(patron, 'widget:settings');
    const saved = await call(token, 'PUT', DESK_SETTINGS_PATHS.patronFields, {
      fields: [{ key: 'library_card', label: 'Library card number', required: true }, { label: 'Course code' }],
    });
    expect(saved.status).toBe(200);
    const fields = [
      { key: 'library_card', label: 'Library card number', required: true },
      { key: 'course_code', label: 'Course code', required: false },
    ];
    expect((await pushed).patronFields).toEqual(fields);
    const config = dataOf(await ask(patron, 'widget:config', { departmentId: 'general-reference' }));
    expect(config.patronFields).toEqual(fields);

    const refused = await ask(patron, 'chat:start', {
      departmentId: 'general-reference',
      question: 'Can I renew online?',
      extraFields: { library_card: '   ', course_code: 'HIST 101' },
    });
    expect(refused.ok ? 'started' : refused.error).toEqual({
      code: 'BAD_REQUEST',
      message: 'extraFields.library_card: Library card number is required.',
    });
    const started = await ask(patron, 'chat:start', {
      departmentId: 'general-reference',
      question: 'Can I renew online?',
      extraFields: { library_card: '2100 1234' },
    });
    expect(started.ok).toBe(true);
    await call(token, 'PUT', DESK_SETTINGS_PATHS.patronFields, { fields: [] });
  });

  it("the widget's words are pushed to open widgets and given in widget:config; a bad one is refused by name", async () => {
    const { token } = await login(server.url, 'dana');
    const patron = await connectPatron(server.url);
    const before = dataOf(await ask(patron, 'widget:config', { departmentId: 'general-reference' }));
    // deskbell.json gave the first run its library name; the rest are the defaults.
    expect(before.texts).toEqual({ ...DEFAULT_WIDGET_TEXTS, libraryName: 'Riverside Public Library' });

    const empty = await call(token, 'PUT', DESK_SETTINGS_PATHS.widgetTexts, { ...TEXTS, greeting: '  ' });
    expect(empty.status).toBe(400);
    expect(messageOf(empty.body)).toBe('greeting: is empty');
    const unknown = await call(token, 'PUT', DESK_SETTINGS_PATHS.widgetTexts, { ...TEXTS, motto: 'Read!' });
    expect(unknown.status).toBe(400);

    const pushed = nextEvent(patron, 'widget:settings');
    expect((await call(token, 'PUT', DESK_SETTINGS_PATHS.widgetTexts, TEXTS)).status).toBe(200);
    expect((await pushed).texts).toEqual(TEXTS);
    const after = dataOf(await ask(patron, 'widget:config', { departmentId: 'general-reference' }));
    expect(after.texts).toEqual(TEXTS);
  });

  it('only an admin may read or change them, and every change is in the audit log with before and after', async () => {
    const alice = await login(server.url, 'alice');
    const refused = await call(alice.token, 'PUT', DESK_SETTINGS_PATHS.widgetTexts, TEXTS);
    expect(refused.status).toBe(403);
    expect((await call(alice.token, 'GET', DESK_SETTINGS_PATHS.settings)).status).toBe(403);
    const { token } = await login(server.url, 'dana');
    const twice = await call(token, 'PUT', DESK_SETTINGS_PATHS.questionTypes, {
      types: [{ label: 'Directional' }, { label: 'directional' }],
    });
    expect(messageOf(twice.body)).toBe('types: has two question types with the same label');
    const rows = await server.storage.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('target_kind', '=', 'desk')
      .orderBy('at')
      .execute();
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['desk.question-types', 'desk.patron-fields', 'desk.widget-texts']),
    );
    const texts = rows.find((row) => row.action === 'desk.widget-texts');
    expect(JSON.parse(texts!.after_json!)).toEqual(TEXTS);
    expect(JSON.parse(texts!.before_json!)).toMatchObject({ libraryName: 'Riverside Public Library' });
  });

  it('deskbell.json is read on the first run only: a restart keeps what the admin changed', async () => {
    const { token } = await login(server.url, 'dana');
    await call(token, 'PUT', DESK_SETTINGS_PATHS.widgetTexts, TEXTS);
    const again = await startTestServer({
      sameDatabaseAs: server,
      settingsFile: { widgetTexts: { libraryName: 'Somewhere Else' }, questionTypes: ['Only this'] },
    });
    try {
      expect(again.notices.join('\n')).toMatch(/deskbell\.json was read on this database's first run only/);
      const patron = await connectPatron(again.url);
      const config = dataOf(await ask(patron, 'widget:config', { departmentId: 'general-reference' }));
      expect(config.texts?.libraryName).toBe('Riverside Public Library');
      const alice = await signIn(again.url, 'alice');
      const sync = dataOf(await ask(alice.socket, 'console:sync', {}));
      expect(sync.questionTypes.map((type) => type.label)).not.toContain('Only this');
    } finally {
      await again.close();
    }
  });
});
