import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleApiError } from '../../renderer/api/http-call';
import type { ReportExportPath, ReportsApi } from '../../renderer/api/reports-api';
import type { ConsoleStore } from '../../renderer/store/console-store';
import { REPORT_PATHS, type ExportQuery, type ReportChatsQuery, type ReportQuery } from '../../src/protocol/reports';
import { startFakeDeskServer, type FakeDeskServer } from './client-fake-desk-server';
import { consoleFor, RecordingBridge, until } from './renderer-test-kit';
import { chatsFixture, summaryFixture } from './reports-fixtures';

let server: FakeDeskServer;
const stores: ConsoleStore[] = [];

beforeEach(async () => {
  server = await startFakeDeskServer();
});

afterEach(async () => {
  for (const store of stores.splice(0)) store.dispose();
  await server.close();
});

/** A reports API that records what it was asked, with which token, and answers from the fixtures. */
function recordingReportsApi() {
  const asked: {
    summaries: [ReportQuery, string | undefined][];
    chats: ReportChatsQuery[];
    downloads: [ReportExportPath, ExportQuery, string | undefined][];
  } = {
    summaries: [],
    chats: [],
    downloads: [],
  };
  let refuseDownloads: string | null = null;
  const api: ReportsApi = {
    async summary(query, token) {
      asked.summaries.push([query, token]);
      return summaryFixture({ from: query.from, to: query.to });
    },
    async chats(query) {
      asked.chats.push(query);
      return chatsFixture(query.page);
    },
    async download(path, query, token) {
      asked.downloads.push([path, query, token]);
      if (refuseDownloads) throw new ConsoleApiError(403, refuseDownloads);
      return new Blob(['chat_id\n']);
    },
  };
  return { api, asked, refuse: (words: string) => (refuseDownloads = words) };
}

async function desktopConsole() {
  const reports = recordingReportsApi();
  const saved: { name: string; text: string }[] = [];
  const made = consoleFor(server, new RecordingBridge('electron'), {
    reportsApi: reports.api,
    saveFile: (blob, name) => void blob.text().then((text) => saved.push({ name, text })),
  });
  stores.push(made.store);
  await made.store.getState().logIn('alice', 'deskbell-demo');
  await until(() => made.store.getState().connection === 'connected', 'connected');
  return { ...made, reports, saved };
}

const JANUARY = { from: '2026-01-01', to: '2026-01-31' };

describe('the Reports page in the console store', () => {
  it('is one page among the others: opening it closes Desk and Administration, and they close it', async () => {
    const { store } = await desktopConsole();
    store.getState().openDesk();
    store.getState().openReports();
    expect(store.getState()).toMatchObject({
      reportsOpen: true,
      deskOpen: false,
      adminOpen: false,
      settingsOpen: false,
    });
    store.getState().openAdmin();
    expect(store.getState()).toMatchObject({ reportsOpen: false, adminOpen: true });
    store.getState().openReports();
    store.getState().openCanned();
    expect(store.getState().reportsOpen).toBe(false);
    store.getState().openReports();
    store.getState().openSettings();
    expect(store.getState().reportsOpen).toBe(false);
    store.getState().openReports();
    store.getState().openDesk();
    expect(store.getState()).toMatchObject({ reportsOpen: false, deskOpen: true });
  });

  it('asks for a range with the desktop app’s token and keeps the answer', async () => {
    const { store, reports } = await desktopConsole();
    await store.getState().loadReport(JANUARY);
    expect(reports.asked.summaries).toEqual([[JANUARY, 'alice-token']]);
    expect(store.getState().reportSummary?.from).toBe('2026-01-01');
    expect(store.getState().reportLoading).toBe(false);
  });

  it('shows the server’s words when the summary is refused', async () => {
    const { store, reports } = await desktopConsole();
    reports.api.summary = async () => {
      throw new ConsoleApiError(403, 'Only supervisors and admins can see reports.');
    };
    await store.getState().loadReport(JANUARY);
    expect(store.getState().reportError).toBe('Only supervisors and admins can see reports.');
  });

  it('drops a slow answer for a range the supervisor has already left', async () => {
    const { store, reports } = await desktopConsole();
    const answer = reports.api.summary;
    let release = () => {};
    reports.api.summary = (query, token) =>
      query.from === '2025-01-01'
        ? new Promise((resolve) => (release = () => void answer(query, token).then(resolve)))
        : answer(query, token);
    const slow = store.getState().loadReport({ from: '2025-01-01', to: '2025-12-31' });
    await store.getState().loadReport(JANUARY);
    release();
    await slow;
    expect(store.getState().reportSummary?.from).toBe('2026-01-01');
  });

  it('lists the chats behind a cell with the range and the cell’s filter, a page at a time', async () => {
    const { store, reports } = await desktopConsole();
    await store.getState().loadReport(JANUARY);
    await store.getState().drillReport({ weekday: 2, hour: 10 }, 'Tuesday 10:00–11:00');
    expect(reports.asked.chats).toEqual([{ ...JANUARY, weekday: 2, hour: 10, page: 1 }]);
    expect(store.getState().reportDrill).toMatchObject({ label: 'Tuesday 10:00–11:00', page: 1 });
    await store.getState().drillReportPage(2);
    expect(reports.asked.chats[1]).toEqual({ ...JANUARY, weekday: 2, hour: 10, page: 2 });
    expect(store.getState().reportDrill?.data?.chats[0]?.chatId).toBe('chat-2');
    store.getState().closeReportDrill();
    expect(store.getState().reportDrill).toBeNull();
  });

  it('downloads the chats CSV, with transcripts when asked, under a name that says the range', async () => {
    const { store, reports, saved } = await desktopConsole();
    await store.getState().loadReport(JANUARY);
    await store.getState().downloadReport({ kind: 'chats', withText: false });
    await store.getState().downloadReport({ kind: 'chats', withText: true });
    await store.getState().downloadReport({ kind: 'table', table: 'heatmap' });
    await store.getState().downloadReport({ kind: 'transcripts', format: 'json' });
    expect(reports.asked.downloads).toEqual([
      [REPORT_PATHS.chatsCsv, JANUARY, 'alice-token'],
      [REPORT_PATHS.chatsCsv, { ...JANUARY, text: '1' }, 'alice-token'],
      [REPORT_PATHS.tableCsv, { ...JANUARY, table: 'heatmap' }, 'alice-token'],
      [REPORT_PATHS.transcripts, { ...JANUARY, format: 'json' }, 'alice-token'],
    ]);
    await until(() => saved.length === 4, 'four files saved');
    expect(saved.map((file) => file.name)).toEqual([
      'deskbell-chats-2026-01-01-to-2026-01-31.csv',
      'deskbell-chats-with-transcripts-2026-01-01-to-2026-01-31.csv',
      'deskbell-heatmap-2026-01-01-to-2026-01-31.csv',
      'deskbell-transcripts-2026-01-01-to-2026-01-31.jsonl',
    ]);
    expect(store.getState().reportDownloading).toBeNull();
  });

  it('says why a download was refused, and saves nothing', async () => {
    const { store, reports, saved } = await desktopConsole();
    await store.getState().loadReport(JANUARY);
    reports.refuse('Exports are for supervisors and admins.');
    await store.getState().downloadReport({ kind: 'chats', withText: false });
    expect(store.getState().reportDownloadError).toBe('Exports are for supervisors and admins.');
    expect(saved).toEqual([]);
  });

  it('opens a chat’s transcript from a report, with the way back, which a transcript opened elsewhere lacks', async () => {
    const { store } = await desktopConsole();
    store.getState().openReports();
    await store.getState().loadReport(JANUARY);
    await store.getState().drillReport({ outcome: 'answered' }, 'Answered');
    await store.getState().openReportTranscript('chat-1');
    expect(store.getState()).toMatchObject({
      reportsOpen: false,
      rightView: 'transcript',
      transcriptFromReports: true,
    });
    expect(store.getState().transcript?.chatId).toBe('chat-1');
    store.getState().backToReports();
    expect(store.getState().reportsOpen).toBe(true);
    // The page asks for its range again on opening: the list of chats it came from stays open.
    await store.getState().loadReport(JANUARY);
    expect(store.getState().reportDrill?.label).toBe('Answered');
    await store.getState().openTranscript('chat-2');
    expect(store.getState().transcriptFromReports).toBe(false);
  });
});
