import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canSeeDepartment, runsTheDesk } from '../../src/domain/chat-access';
import { rangeProblem } from '../../src/domain/report-figures';
import { reportTable } from '../../src/domain/report-tables';
import {
  exportQuerySchema,
  MAX_REPORT_DAYS,
  REPORT_PATHS,
  reportChatsQuerySchema,
  reportQuerySchema,
  type ReportQuery,
} from '../../src/protocol/reports';
import { AdminRefusal } from '../admin/account-admin';
import { parseBody, route, signedIn } from '../admin/admin-http';
import type { Account } from '../auth/account-repository';
import type { DeskbellContext } from '../context';
import { libraryTimeZone } from '../departments/library-time-zone';
import type { ReportScope } from './report-repository';

/**
 * The Reports page's figures and its exports, for the staff who run the desk (supervisors and admins:
 * the same rule as the Desk view). A department the asker may not see is refused, on the page and in
 * every export alike, because both go through `scopeOf`.
 */
export function registerReportRoutes(app: FastifyInstance, ctx: DeskbellContext): void {
  const reports = ctx.repos.reports;

  const reader = async (request: FastifyRequest): Promise<Account> => {
    const { account } = await signedIn(ctx, request);
    if (account.mustChangePassword) {
      throw new AdminRefusal(403, 'PASSWORD_CHANGE_REQUIRED', 'Choose a new password first.');
    }
    if (!runsTheDesk(account)) throw new AdminRefusal(403, 'FORBIDDEN', 'Reports are for supervisors and admins.');
    return account;
  };

  const scopeOf = async (account: Account, query: ReportQuery): Promise<ReportScope> => {
    const problem = rangeProblem(query, MAX_REPORT_DAYS);
    if (problem) throw new AdminRefusal(400, 'BAD_REQUEST', problem);
    if (query.department !== undefined) {
      const known = (await ctx.repos.departments.listWithDetails()).some((d) => d.id === query.department);
      if (!known)
        throw new AdminRefusal(400, 'BAD_REQUEST', `department: there is no department "${query.department}"`);
      if (!canSeeDepartment(account, query.department)) {
        throw new AdminRefusal(403, 'FORBIDDEN', 'You do not see that department’s chats.');
      }
    }
    return {
      from: query.from,
      to: query.to,
      departmentId: query.department ?? null,
      timeZone: await libraryTimeZone(ctx.repos.departments),
      now: ctx.now(),
    };
  };

  app.get(
    REPORT_PATHS.summary,
    route(async (request) => {
      const account = await reader(request);
      return reports.summary(await scopeOf(account, parseBody(reportQuerySchema, request.query)));
    }),
  );

  app.get(
    REPORT_PATHS.chats,
    route(async (request) => {
      const account = await reader(request);
      const query = parseBody(reportChatsQuerySchema, request.query);
      try {
        return await reports.chats(await scopeOf(account, query), query, query.page);
      } catch (error) {
        if (error instanceof RangeError) throw new AdminRefusal(400, 'BAD_REQUEST', error.message);
        throw error;
      }
    }),
  );

  app.get(
    REPORT_PATHS.chatsCsv,
    route(async (request, reply) => {
      const account = await reader(request);
      const query = parseBody(exportQuerySchema, request.query);
      const scope = await scopeOf(account, query);
      return download(
        reply,
        `deskbell-chats-${scope.from}-to-${scope.to}.csv`,
        'text/csv; charset=utf-8',
      )(reports.exportChats(scope, query.text === '1'));
    }),
  );

  app.get(
    REPORT_PATHS.tableCsv,
    route(async (request, reply) => {
      const account = await reader(request);
      const query = parseBody(exportQuerySchema, request.query);
      if (!query.table) throw new AdminRefusal(400, 'BAD_REQUEST', 'table: is required');
      const scope = await scopeOf(account, query);
      const table = reportTable(await reports.summary(scope), query.table);
      const name = `deskbell-${query.table}-${scope.from}-to-${scope.to}.csv`;
      return download(reply, name, 'text/csv; charset=utf-8')([stringify([table.columns, ...table.rows])]);
    }),
  );

  app.get(
    REPORT_PATHS.transcripts,
    route(async (request, reply) => {
      const account = await reader(request);
      const query = parseBody(exportQuerySchema, request.query);
      const format = query.format ?? 'json';
      const scope = await scopeOf(account, query);
      const name = `deskbell-transcripts-${scope.from}-to-${scope.to}.${format === 'json' ? 'jsonl' : 'txt'}`;
      const type = format === 'json' ? 'application/x-ndjson; charset=utf-8' : 'text/plain; charset=utf-8';
      return download(reply, name, type)(reports.exportTranscripts(scope, format));
    }),
  );
}

/** Sends chunks as a file download, streamed as they are made. */
function download(reply: FastifyReply, fileName: string, type: string) {
  return (chunks: AsyncIterable<string> | Iterable<string>) =>
    reply
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .type(type)
      .send(Readable.from(chunks));
}
