import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpAdminApi } from '../../renderer/api/admin-api';
import { ConsoleApiError } from '../../renderer/api/console-api';
import type { StaffAccount } from '../../src/protocol';

const PAT: StaffAccount = {
  id: 'op-pat',
  username: 'pat',
  displayName: 'Pat',
  role: 'operator',
  departmentIds: ['general-reference'],
  active: true,
  mustChangePassword: true,
  status: 'offline',
  lastSeenAt: null,
  createdAt: 1_700_000_000_000,
};

interface Seen {
  url: string;
  method: string;
  credentials: RequestCredentials | undefined;
  authorization: string | null;
  contentType: string | null;
  body: unknown;
}

/** fetch answering `answer` for every call, remembering what the console sent. */
function serverAnswering(status: number, answer: unknown): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    seen.push({
      url,
      method: init.method ?? 'GET',
      credentials: init.credentials,
      authorization: headers.get('authorization'),
      contentType: headers.get('content-type'),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return new Response(typeof answer === 'string' ? answer : JSON.stringify(answer), { status });
  });
  return seen;
}

async function refusalOf(promise: Promise<unknown>): Promise<ConsoleApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConsoleApiError);
  return error as ConsoleApiError;
}

describe("the Administration page's HTTP calls", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('an admin adding Pat gets the account and the temporary password, sent as JSON with the cookie', async () => {
    const seen = serverAnswering(201, {
      account: PAT,
      temporaryPassword: 'tulip-harbor-42',
      setupToken: 'setup-token-0123456789abcdef',
    });
    const result = await createHttpAdminApi('').createAccount({
      username: 'pat',
      displayName: 'Pat',
      role: 'operator',
      departmentIds: ['general-reference'],
    });
    expect(result).toEqual({
      account: PAT,
      temporaryPassword: 'tulip-harbor-42',
      setupToken: 'setup-token-0123456789abcdef',
    });
    expect(seen).toEqual([
      {
        url: '/api/admin/accounts',
        method: 'POST',
        credentials: 'include',
        authorization: null,
        contentType: 'application/json',
        body: { username: 'pat', displayName: 'Pat', role: 'operator', departmentIds: ['general-reference'] },
      },
    ]);
  });

  it("the desktop app's calls carry its bearer token, no cookies, to the server from its settings", async () => {
    const seen = serverAnswering(200, { account: { ...PAT, active: false } });
    const api = createHttpAdminApi(() => 'https://chat.library.org/', { credentials: 'omit' });
    expect((await api.deactivate('op-pat', 'admin-token')).active).toBe(false);
    expect(seen[0]).toMatchObject({
      url: 'https://chat.library.org/api/admin/accounts/op-pat/deactivate',
      method: 'POST',
      credentials: 'omit',
      authorization: 'Bearer admin-token',
      contentType: 'application/json',
    });
  });

  it('the list, an edit, a reset and the audit log each reach their own address', async () => {
    const seen = serverAnswering(200, {
      accounts: [PAT],
      account: PAT,
      temporaryPassword: 'new-temp-pass',
      setupToken: 'setup-token-0123456789abcdef',
      entries: [],
    });
    const api = createHttpAdminApi('');
    expect(await api.listAccounts()).toEqual([PAT]);
    expect(await api.updateAccount('op-pat', { role: 'supervisor' })).toEqual(PAT);
    expect((await api.resetPassword('op-pat')).temporaryPassword).toBe('new-temp-pass');
    expect(await api.audit(200)).toEqual([]);
    expect(seen.map(({ method, url, contentType }) => [method, url, contentType])).toEqual([
      ['GET', '/api/admin/accounts', null],
      ['PATCH', '/api/admin/accounts/op-pat', 'application/json'],
      ['POST', '/api/admin/accounts/op-pat/reset-password', 'application/json'],
      ['GET', '/api/admin/audit?limit=200', null],
    ]);
    expect(seen[1]?.body).toEqual({ role: 'supervisor' });
  });

  it("demoting the last admin is refused in the server's own words, with its code", async () => {
    serverAnswering(409, {
      error: { code: 'LAST_ADMIN', message: 'The last active admin cannot be demoted or deactivated.' },
    });
    const error = await refusalOf(createHttpAdminApi('').updateAccount('op-admin', { role: 'operator' }));
    expect(error.status).toBe(409);
    expect(error.code).toBe('LAST_ADMIN');
    expect(error.message).toBe('The last active admin cannot be demoted or deactivated.');
  });

  it('an operator who is not an admin is told so, even when the server gives no words', async () => {
    serverAnswering(403, '<html>Forbidden</html>');
    const error = await refusalOf(createHttpAdminApi('').listAccounts());
    expect(error.status).toBe(403);
    expect(error.message).toBe('Only admins can do this.');
  });

  it('an answer that does not match the contract is refused rather than shown half-read', async () => {
    serverAnswering(200, { accounts: [{ ...PAT, role: 'wizard' }] });
    const error = await refusalOf(createHttpAdminApi('').listAccounts());
    expect(error.message).toMatch(/does not understand/);
  });

  it('an unreachable server is said in words', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await refusalOf(createHttpAdminApi('').audit(200));
    expect(error.status).toBe(0);
    expect(error.message).toMatch(/Cannot reach the Deskbell server/);
  });
});

describe("a librarian's own account over HTTP", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('changing the password sends the current and the new one', async () => {
    const seen = serverAnswering(200, { ok: true });
    await createHttpAdminApi('').changeMyPassword({
      currentPassword: 'tulip-harbor-42',
      newPassword: 'a-long-new-one',
    });
    expect(seen[0]).toMatchObject({
      url: '/api/me/password',
      method: 'POST',
      body: { currentPassword: 'tulip-harbor-42', newPassword: 'a-long-new-one' },
    });
  });

  it('a wrong current password comes back as the server says it', async () => {
    serverAnswering(400, { error: { code: 'BAD_PASSWORD', message: 'The current password is not right.' } });
    const error = await refusalOf(
      createHttpAdminApi('').changeMyPassword({ currentPassword: 'nope', newPassword: 'a-long-new-one' }),
    );
    expect(error.message).toBe('The current password is not right.');
  });

  it('changing the name answers with the profile as the server now has it', async () => {
    const operator = { id: 'op-pat', username: 'pat', displayName: 'Pat Lee', role: 'operator', departmentIds: [] };
    const seen = serverAnswering(200, { operator });
    expect(await createHttpAdminApi('').changeMyName('Pat Lee')).toEqual(operator);
    expect(seen[0]).toMatchObject({ url: '/api/me/profile', method: 'POST', body: { displayName: 'Pat Lee' } });
  });
});

describe("the Departments and hours screen's HTTP calls", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('moving a department sends the whole new order; the time zone is put as JSON', async () => {
    const order = serverAnswering(200, { ids: ['research-help', 'general-reference'] });
    expect(await createHttpAdminApi('').reorderDepartments(['research-help', 'general-reference'])).toEqual([
      'research-help',
      'general-reference',
    ]);
    expect(order[0]).toMatchObject({
      url: '/api/admin/departments/order',
      method: 'POST',
      body: { ids: ['research-help', 'general-reference'] },
    });
    const zone = serverAnswering(200, { timeZone: 'America/Chicago' });
    expect(await createHttpAdminApi('').setTimeZone('America/Chicago')).toBe('America/Chicago');
    expect(zone[0]).toMatchObject({
      url: '/api/admin/time-zone',
      method: 'PUT',
      body: { timeZone: 'America/Chicago' },
    });
  });

  it("a refused change carries the server's words, which name the field", async () => {
    serverAnswering(400, { error: { code: 'BAD_REQUEST', message: 'hours.weekly.mon.0: closes before it opens' } });
    const refusal = await refusalOf(createHttpAdminApi('').updateDepartment('general-reference', { name: 'X' }));
    expect(refusal.message).toBe('hours.weekly.mon.0: closes before it opens');
    expect(refusal.code).toBe('BAD_REQUEST');
  });
});
