import { useId, useState, type ReactNode } from 'react';
import type { ReportTable } from '../../../src/protocol/reports';
import { useConsole } from '../../store/store-context';

export interface ChartFigureProps {
  title: string;
  /** One line under the title: a median, a total, a legend. */
  note?: ReactNode;
  /** Which report table the figure's CSV is. */
  table: ReportTable;
  chart: ReactNode;
  /** The same numbers as the chart, as a real table (caption, headers); its rows list the chats behind them. */
  children: ReactNode;
  /** Something to say instead of the chart and table (an empty range). */
  empty?: string | null;
}

/**
 * A chart with its table: "Show table" swaps the drawing for a table of the
 * same numbers (whose cells are buttons that list the chats behind them, so
 * the keyboard reaches everything the mouse does), and "Download CSV" saves
 * that table as the server makes it.
 */
export function ChartFigure({ title, note, table, chart, children, empty }: ChartFigureProps) {
  const [showTable, setShowTable] = useState(false);
  const headingId = useId();
  const bodyId = useId();
  const download = useConsole((state) => state.downloadReport);
  return (
    <section className="report-figure" aria-labelledby={headingId} data-report-figure={table}>
      <div className="report-figure-title">
        <h3 id={headingId}>{title}</h3>
        <div className="report-figure-actions">
          {empty ? null : (
            <button type="button" className="small" aria-controls={bodyId} onClick={() => setShowTable(!showTable)}>
              {showTable ? 'Show chart' : 'Show table'}
            </button>
          )}
          <button
            type="button"
            className="small"
            aria-label={`Download CSV: ${title}`}
            onClick={() => void download({ kind: 'table', table })}
          >
            Download CSV
          </button>
        </div>
      </div>
      {note ? <p className="report-note">{note}</p> : null}
      <div id={bodyId}>{empty ? <p className="empty">{empty}</p> : showTable ? children : chart}</div>
    </section>
  );
}

/** A count that lists the chats behind it ("List the 3 chats: Tuesday 10:00–11:00"); plain text at zero. */
export function DrillButton({ chats, label, onDrill }: { chats: number; label: string; onDrill(): void }) {
  if (chats === 0) return <>0</>;
  const count = chats.toLocaleString('en');
  return (
    <button
      type="button"
      className="link-button"
      aria-label={`List the ${count} ${chats === 1 ? 'chat' : 'chats'}: ${label}`}
      onClick={onDrill}
    >
      {count}
    </button>
  );
}
