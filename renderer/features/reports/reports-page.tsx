import { useEffect, useMemo, useRef } from 'react';
import { useConsole } from '../../store/store-context';
import { DrillDialog } from './drill-dialog';
import { RangePicker } from './range-picker';
import { AnswerFigures, DistributionFigures, WhereFigures } from './report-breakdowns';
import { quickRange, todayIn } from './report-dates';
import { ReportExports } from './report-exports';
import { formatRange } from './report-format';
import { HeatmapFigures, SeriesFigure, TotalsRow } from './report-overview';
import { CommentsFigure, OperatorsFigure } from './report-people';
import './reports.css';

/**
 * The Reports page (supervisors and admins): for a range of days in the
 * library's time zone and one department or all, what a board asks about.
 * When do patrons ask and was the desk staffed, how long they waited, what
 * they asked, who answered, how helpful they found it; every chart with its
 * table, every bar and cell listing the chats behind it, and the exports.
 * The module is loaded on first opening (console-app.tsx), with ECharts.
 */
export default function ReportsPage() {
  const query = useConsole((state) => state.reportQuery);
  const summary = useConsole((state) => state.reportSummary);
  const loading = useConsole((state) => state.reportLoading);
  const error = useConsole((state) => state.reportError);
  const downloadError = useConsole((state) => state.reportDownloadError);
  const loadReport = useConsole((state) => state.loadReport);
  const closeReports = useConsole((state) => state.closeReports);
  const departmentName = useConsole(
    (state) => state.departments.find((department) => department.id === state.reportSummary?.departmentId)?.name,
  );
  const heading = useRef<HTMLHeadingElement>(null);
  // Before the first answer the browser's today; the server's zone from then on.
  const initial = useMemo(() => quickRange('last-30-days', todayIn(undefined)), []);
  const shown = query ?? initial;

  useEffect(() => {
    // Each opening asks afresh (chats have ended since), for the range last shown.
    void loadReport(query ?? initial);
    heading.current?.focus();
    // Once per opening: the range changes through the picker, which asks itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const empty = summary !== null && summary.totals.chats === 0;
  return (
    <section className="reports-page" aria-labelledby="reports-title" aria-busy={loading}>
      <div className="desk-title">
        <h2 id="reports-title" ref={heading} tabIndex={-1}>
          Reports
        </h2>
        <button type="button" onClick={closeReports}>
          Back to chats
        </button>
      </div>
      <RangePicker query={shown} />
      <p role="status" className="report-note" data-report-state={loading ? 'loading' : summary ? 'ready' : 'none'}>
        {loading
          ? 'Counting the chats…'
          : summary
            ? `Chats that ended from ${formatRange(summary)}${summary.departmentId ? `, ${departmentName ?? 'one department'}` : ', all departments'}; times in ${summary.timeZone}.`
            : ''}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {downloadError ? (
        <p className="form-error" role="alert">
          Download failed: {downloadError}
        </p>
      ) : null}
      {summary ? (
        <>
          <TotalsRow summary={summary} />
          {empty ? <p className="empty report-empty">No chats ended in this range.</p> : null}
          <SeriesFigure summary={summary} />
          <HeatmapFigures summary={summary} />
          <div className="report-grid">
            <DistributionFigures summary={summary} />
          </div>
          <div className="report-grid">
            <AnswerFigures summary={summary} />
            <CommentsFigure summary={summary} />
          </div>
          <OperatorsFigure summary={summary} />
          <div className="report-grid">
            <WhereFigures summary={summary} />
          </div>
          <ReportExports />
        </>
      ) : null}
      <DrillDialog />
    </section>
  );
}
