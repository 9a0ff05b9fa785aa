import type { StateCreator } from 'zustand';
import { REPORT_PATHS, type ExportQuery, type ReportQuery } from '../../src/protocol/reports';
import { ConsoleApiError } from '../api/http-call';
import { createHttpReportsApi, type ReportExportPath, type ReportsApi } from '../api/reports-api';
import { saveFile } from '../shared/save-file';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';
import type { ReportDownload, ReportsSlice } from './reports-types';

export type { ReportsSlice } from './reports-types';

/** The page's own origin when the deps leave the API out (tests that never ask for a report). */
const reportsApiOf = (runtime: ConsoleRuntime): ReportsApi => runtime.deps.reportsApi ?? createHttpReportsApi('');

const wordsOf = (error: unknown): string =>
  error instanceof ConsoleApiError || error instanceof Error ? error.message : String(error);

/** "deskbell-chats-2026-01-01-to-2026-12-31.csv". */
export function downloadName(what: string, range: ReportQuery, extension: string): string {
  return `deskbell-${what}-${range.from}-to-${range.to}.${extension}`;
}

/** Where an export comes from, its query and the name the file is saved under. */
function exportOf(
  download: ReportDownload,
  query: ReportQuery,
): { path: ReportExportPath; query: ExportQuery; name: string } {
  switch (download.kind) {
    case 'chats':
      return {
        path: REPORT_PATHS.chatsCsv,
        query: { ...query, ...(download.withText ? { text: '1' } : {}) },
        name: downloadName(download.withText ? 'chats-with-transcripts' : 'chats', query, 'csv'),
      };
    case 'table':
      return {
        path: REPORT_PATHS.tableCsv,
        query: { ...query, table: download.table },
        name: downloadName(download.table, query, 'csv'),
      };
    case 'transcripts':
      return {
        path: REPORT_PATHS.transcripts,
        query: { ...query, format: download.format },
        name: downloadName('transcripts', query, download.format === 'json' ? 'jsonl' : 'txt'),
      };
  }
}

/**
 * The Reports page over HTTP (reports-api.ts). Opening it closes the other
 * pages (and the Desk view, so a transcript opened from a report is what
 * shows when the page closes). Answers that arrive after the supervisor asked
 * for something else are dropped.
 */
export const createReportsSlice =
  (runtime: ConsoleRuntime): StateCreator<ConsoleState, [], [], ReportsSlice> =>
  (set, get) => {
    const api = () => reportsApiOf(runtime);
    let summaryTicket = 0;
    let drillTicket = 0;

    const loadDrill = async (page: number) => {
      const drill = get().reportDrill;
      const query = get().reportQuery;
      if (!drill || !query) return;
      const ticket = ++drillTicket;
      // The page shown stays until the next one comes: the focus stays on Next page meanwhile.
      set({ reportDrill: { ...drill, page, error: null } });
      try {
        const data = await api().chats({ ...query, ...drill.filter, page }, runtime.token);
        if (ticket !== drillTicket) return;
        set((state) => (state.reportDrill ? { reportDrill: { ...state.reportDrill, data, error: null } } : {}));
      } catch (error) {
        if (ticket !== drillTicket) return;
        set((state) => (state.reportDrill ? { reportDrill: { ...state.reportDrill, error: wordsOf(error) } } : {}));
      }
    };

    return {
      reportsOpen: false,
      reportQuery: null,
      reportSummary: null,
      reportLoading: false,
      reportError: null,
      reportDrill: null,
      reportDownloading: null,
      reportDownloadError: null,
      transcriptFromReports: false,

      openReports() {
        set({
          reportsOpen: true,
          settingsOpen: false,
          cannedOpen: false,
          adminOpen: false,
          deskOpen: false,
          temporaryPassword: null,
          transcriptFromReports: false,
        });
      },

      closeReports: () => set({ reportsOpen: false }),

      async loadReport(query) {
        const ticket = ++summaryTicket;
        // The same range asked again (the page reopened, back from a transcript) keeps the list of chats open.
        const same = JSON.stringify(get().reportQuery) === JSON.stringify(query);
        set((state) => ({
          reportQuery: query,
          reportLoading: true,
          reportError: null,
          reportDrill: same ? state.reportDrill : null,
          reportDownloadError: null,
        }));
        try {
          const summary = await api().summary(query, runtime.token);
          if (ticket !== summaryTicket) return;
          set({ reportSummary: summary, reportLoading: false });
          get().announce(`Report ready: ${summary.totals.chats} chats.`);
        } catch (error) {
          if (ticket !== summaryTicket) return;
          set({ reportLoading: false, reportError: wordsOf(error) });
        }
      },

      async drillReport(filter, label) {
        set({ reportDrill: { filter, label, page: 1, data: null, error: null } });
        await loadDrill(1);
      },

      drillReportPage: (page) => loadDrill(page),

      closeReportDrill() {
        drillTicket++;
        set({ reportDrill: null });
      },

      async openReportTranscript(chatId) {
        set({ reportsOpen: false, deskOpen: false });
        // Marked after openTranscript's first step, which clears the mark for transcripts opened elsewhere.
        const opening = get().openTranscript(chatId);
        set({ transcriptFromReports: true });
        await opening;
      },

      backToReports() {
        get().openReports();
      },

      async downloadReport(download) {
        const query = get().reportQuery;
        if (!query) return;
        const { path, query: exportQuery, name } = exportOf(download, query);
        set({ reportDownloading: name, reportDownloadError: null });
        try {
          const blob = await api().download(path, exportQuery, runtime.token);
          (runtime.deps.saveFile ?? saveFile)(blob, name);
          set({ reportDownloading: null });
          get().announce(`Downloaded ${name}.`);
        } catch (error) {
          set({ reportDownloading: null, reportDownloadError: wordsOf(error) });
        }
      },
    };
  };
