import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ask, closeAllClients, connectPatron, dataOf, nextEvent, signIn } from '../support/clients';
import { patronAsks } from '../support/flows';
import { startTestServer, type TestServer } from '../support/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    settingsFile: {
      questionTypes: [
        { label: 'Directional', countsAs: 'directional' },
        'Reference',
        { id: 'ill', label: 'Interlibrary Loan' },
      ],
      patronFields: [
        { key: 'library_card', label: 'Library card number' },
        { key: 'course', label: 'Course code' },
      ],
    },
  });
});
afterEach(() => closeAllClients());
afterAll(() => server.close());

describe("the library's deskbell.json", () => {
  it('its Question Types and extra patron fields replace the defaults', async () => {
    const alice = await signIn(server.url, 'alice');
    const sync = dataOf(await ask(alice.socket, 'console:sync', {}));
    expect(sync.questionTypes).toEqual([
      { id: 'directional', label: 'Directional', countsAs: 'directional' },
      { id: 'reference', label: 'Reference', countsAs: 'reference' },
      { id: 'ill', label: 'Interlibrary Loan', countsAs: 'reference' },
    ]);
    const patron = await connectPatron(server.url);
    const config = dataOf(await ask(patron, 'widget:config', { departmentId: 'general-reference' }));
    expect(config.patronFields.map((field) => field.key)).toEqual(['library_card', 'course']);
  });

  it('the configured extra fields reach the patron info; others are dropped', async () => {
    const alice = await signIn(server.url, 'alice');
    const seen = nextEvent(alice.socket, 'chat:new');
    await patronAsks(server.url, { extraFields: { course: 'HIST 101', favourite_colour: 'green', library_card: '' } });
    expect((await seen).patron.extraFields).toEqual({ course: 'HIST 101' });
  });

  it('a retired Question Type cannot be chosen in a new analytics entry', async () => {
    const alice = await signIn(server.url, 'alice');
    const { chatId } = await patronAsks(server.url);
    dataOf(await ask(alice.socket, 'chat:claim', { chatId }));
    dataOf(await ask(alice.socket, 'chat:end', { chatId }));
    const retired = await ask(alice.socket, 'chat:save-analytics', {
      chatId,
      questionTypeId: 'policy',
      timeSpentMinutes: 2,
    });
    expect(retired.ok === false && retired.error.code).toBe('BAD_REQUEST');
    dataOf(await ask(alice.socket, 'chat:save-analytics', { chatId, questionTypeId: 'ill', timeSpentMinutes: 2 }));
  });
});
