import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleApiError } from '../../renderer/api/http-call';
import { createHttpReportsApi, queryString } from '../../renderer/api/reports-api';
import { REPORT_PATHS } from '../../src/protocol/reports';
import { chatsFixture, summaryFixture } from './reports-fixtures';

interface Seen {
  url: string;
  credentials: RequestCredentials | undefined;
  authorization: string | null;
}

function serverAnswering(status: number, answer: unknown, type = 'application/json'): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    seen.push({ url, credentials: init.credentials, authorization: new Headers(init.headers).get('authorization') });
    const body = typeof answer === 'string' ? answer : JSON.stringify(answer);
    return new Response(body, { status, headers: { 'content-type': type } });
  });
  return seen;
}

afterEach(() => vi.unstubAllGlobals());

describe('the Reports page’s calls', () => {
  it('asks for the summary of a range with the desktop app’s bearer token and no cookie', async () => {
    const seen = serverAnswering(200, summaryFixture());
    const api = createHttpReportsApi('https://desk.example/', { credentials: 'omit' });
    const summary = await api.summary({ from: '2026-01-05', to: '2026-01-11', department: 'maps' }, 'sam-token');
    expect(summary.totals.chats).toBe(3);
    expect(seen).toEqual([
      {
        url: `https://desk.example${REPORT_PATHS.summary}?from=2026-01-05&to=2026-01-11&department=maps`,
        credentials: 'omit',
        authorization: 'Bearer sam-token',
      },
    ]);
  });

  it('lists the chats behind a heatmap cell, page by page, with the browser’s cookie', async () => {
    const seen = serverAnswering(200, chatsFixture(2));
    const api = createHttpReportsApi('');
    const chats = await api.chats({ from: '2026-01-05', to: '2026-01-11', weekday: 2, hour: 10, page: 2 });
    expect(chats.page).toBe(2);
    expect(seen[0]).toEqual({
      url: `${REPORT_PATHS.chats}?from=2026-01-05&to=2026-01-11&weekday=2&hour=10&page=2`,
      credentials: 'include',
      authorization: null,
    });
  });

  it('shows the server’s own words when it refuses', async () => {
    serverAnswering(403, { error: { code: 'FORBIDDEN', message: 'Only supervisors and admins can see reports.' } });
    const refusal = await createHttpReportsApi('')
      .summary({ from: '2026-01-05', to: '2026-01-11' })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConsoleApiError);
    expect(refusal).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Only supervisors and admins can see reports.',
    });
  });

  it('says so when an answer is not what the contract promises', async () => {
    serverAnswering(200, { totals: 'lots' });
    await expect(createHttpReportsApi('').summary({ from: '2026-01-05', to: '2026-01-11' })).rejects.toThrow(
      'The Deskbell server gave an answer this console does not understand.',
    );
  });

  it('fetches an export as a file the console can save', async () => {
    const seen = serverAnswering(200, 'chat_id,asked_at\nchat-1,2026-01-05\n', 'text/csv');
    const blob = await createHttpReportsApi('').download(
      REPORT_PATHS.chatsCsv,
      { from: '2026-01-05', to: '2026-01-11', text: '1' },
      'sam-token',
    );
    expect(await blob.text()).toBe('chat_id,asked_at\nchat-1,2026-01-05\n');
    expect(seen[0]?.url).toBe(`${REPORT_PATHS.chatsCsv}?from=2026-01-05&to=2026-01-11&text=1`);
  });

  it('leaves out what is not set from a query string', () => {
    expect(queryString({ from: '2026-01-01', department: undefined, page: 1, browser: '' })).toBe(
      '?from=2026-01-01&page=1',
    );
    expect(queryString({})).toBe('');
  });
});
