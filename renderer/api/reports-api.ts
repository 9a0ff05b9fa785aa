import {
  REPORT_PATHS,
  reportChatsSchema,
  reportSummarySchema,
  type ExportQuery,
  type ReportChats,
  type ReportChatsQuery,
  type ReportQuery,
  type ReportSummary,
} from '../../src/protocol/reports';
import { ConsoleApiError, createHttpCall, serverError, type HttpConsoleApiOptions, type ServerUrl } from './http-call';

/** Which export a download is: the chats CSV, one report table's CSV, or the transcripts. */
export type ReportExportPath = (typeof REPORT_PATHS)['chatsCsv' | 'tableCsv' | 'transcripts'];

/**
 * The Reports page's calls (`/api/reports/*`, supervisors and admins). Like
 * the other HTTP clients, `token` is the desktop app's bearer token and the
 * browser leaves it out and sends its cookie. JSON answers are parsed with
 * the contract's schemas (src/protocol/reports.ts); exports come back as a
 * Blob fetched the same way, so the desktop app (another origin, no cookie)
 * downloads them too. A refusal throws ConsoleApiError with the server's words.
 */
export interface ReportsApi {
  summary(query: ReportQuery, token?: string): Promise<ReportSummary>;
  chats(query: ReportChatsQuery, token?: string): Promise<ReportChats>;
  download(path: ReportExportPath, query: ExportQuery, token?: string): Promise<Blob>;
}

/** `?from=…&to=…`, leaving out what is not set. */
export function queryString(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const UNEXPECTED =
  'The Deskbell server gave an answer this console does not understand. Update the console or the server.';

/** Words for a refusal that came without the server's own (a proxy's error page, say). */
function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Log in again.';
  if (status === 403) return 'Only supervisors and admins can see reports.';
  if (status === 404) return 'This Deskbell server has no reports yet. Update the server.';
  return `The Deskbell server refused (HTTP ${status}).`;
}

export function createHttpReportsApi(serverUrl: ServerUrl, options: HttpConsoleApiOptions = {}): ReportsApi {
  const call = createHttpCall(serverUrl, options);

  const get = async (path: string, query: Record<string, string | number | undefined>, token?: string) => {
    const response = await call(`${path}${queryString(query)}`, { method: 'GET' }, token);
    if (!response.ok) {
      const { code, message } = await serverError(response);
      throw new ConsoleApiError(response.status, message ?? fallbackMessage(response.status), code);
    }
    return response;
  };

  const json = async <T>(parse: (body: unknown) => T | undefined, response: Response): Promise<T> => {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new ConsoleApiError(response.status, UNEXPECTED);
    }
    const parsed = parse(body);
    if (parsed === undefined) throw new ConsoleApiError(response.status, UNEXPECTED);
    return parsed;
  };

  return {
    summary: async (query, token) =>
      json((body) => reportSummarySchema.safeParse(body).data, await get(REPORT_PATHS.summary, query, token)),
    chats: async (query, token) =>
      json((body) => reportChatsSchema.safeParse(body).data, await get(REPORT_PATHS.chats, query, token)),
    download: async (path, query, token) => (await get(path, query, token)).blob(),
  };
}
