import type { ReportChats, ReportFilter, ReportQuery, ReportSummary, ReportTable } from '../../src/protocol/reports';

/** One export of the Reports page: the chats CSV, a report table's CSV, or the transcripts. */
export type ReportDownload =
  | { kind: 'chats'; withText: boolean }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'transcripts'; format: 'json' | 'text' };

/** The chats behind one bar or cell, a page at a time. */
export interface ReportDrill {
  filter: ReportFilter;
  /** What the bar or cell was, in words: "Tuesday 10:00–11:00". */
  label: string;
  page: number;
  data: ReportChats | null;
  error: string | null;
}

/**
 * The Reports page (supervisors and admins): the range asked for, the
 * summary the server answered, the chats behind a bar or cell, and the
 * downloads. The server decides what the asker may see; this slice asks and
 * keeps the answers.
 */
export interface ReportsSlice {
  /** The Reports page is showing. */
  reportsOpen: boolean;
  /** The range and department of the report shown (or being asked for). */
  reportQuery: ReportQuery | null;
  reportSummary: ReportSummary | null;
  reportLoading: boolean;
  /** The last refusal of the summary, in the server's words. */
  reportError: string | null;
  reportDrill: ReportDrill | null;
  /** A download under way (its file name), and the last one's refusal. */
  reportDownloading: string | null;
  reportDownloadError: string | null;
  /** The transcript showing was opened from the Reports page: it offers the way back. */
  transcriptFromReports: boolean;
  openReports(): void;
  closeReports(): void;
  loadReport(query: ReportQuery): Promise<void>;
  /** Lists the chats behind a bar or cell (page 1). */
  drillReport(filter: ReportFilter, label: string): Promise<void>;
  drillReportPage(page: number): Promise<void>;
  closeReportDrill(): void;
  /** Closes the page and shows the chat's transcript, with a way back to the report. */
  openReportTranscript(chatId: string): Promise<void>;
  backToReports(): void;
  /** Fetches the export and hands it to the browser as a file. */
  downloadReport(download: ReportDownload): Promise<void>;
}
