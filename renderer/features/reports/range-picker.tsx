import { useEffect, useId, useState, type FormEvent } from 'react';
import { MAX_REPORT_DAYS, type ReportQuery } from '../../../src/protocol/reports';
import { useConsole } from '../../store/store-context';
import { QUICK_PICKS, quickPickOf, quickRange, rangeProblem, todayIn } from './report-dates';

/**
 * From, To, a department and Apply; the quick picks fill From and To and
 * apply at once. "Today" is the library's (the zone the last summary named),
 * or the browser's before the first answer.
 */
export function RangePicker({ query }: { query: ReportQuery }) {
  const loadReport = useConsole((state) => state.loadReport);
  const loading = useConsole((state) => state.reportLoading);
  const timeZone = useConsole((state) => state.reportSummary?.timeZone);
  const departments = useConsole((state) => state.departments);
  const [from, setFrom] = useState(query.from);
  const [to, setTo] = useState(query.to);
  const [department, setDepartment] = useState(query.department ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { from: useId(), to: useId(), department: useId(), problem: useId() };
  // A report asked for elsewhere (a quick pick, the page opening) shows its own range here.
  useEffect(() => {
    setFrom(query.from);
    setTo(query.to);
    setDepartment(query.department ?? '');
  }, [query]);

  const today = todayIn(timeZone);
  const chosen = quickPickOf({ from: query.from, to: query.to }, today);
  const ask = (next: ReportQuery) => {
    const wrong = rangeProblem(next, MAX_REPORT_DAYS);
    setProblem(wrong);
    if (!wrong) void loadReport(next);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    ask({ from, to, ...(department ? { department } : {}) });
  };

  return (
    // noValidate: the range is checked here, in words, rather than by the browser's tooltip.
    <form className="report-range" aria-label="Report range" onSubmit={apply} noValidate>
      <div className="report-range-fields">
        <label htmlFor={ids.from}>From</label>
        <input
          id={ids.from}
          type="date"
          value={from}
          max={to || undefined}
          onChange={(event) => setFrom(event.target.value)}
          aria-describedby={problem ? ids.problem : undefined}
        />
        <label htmlFor={ids.to}>To</label>
        <input
          id={ids.to}
          type="date"
          value={to}
          min={from || undefined}
          onChange={(event) => setTo(event.target.value)}
          aria-describedby={problem ? ids.problem : undefined}
        />
        <label htmlFor={ids.department}>Department</label>
        <select id={ids.department} value={department} onChange={(event) => setDepartment(event.target.value)}>
          <option value="">All departments</option>
          {departments.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={loading}>
          Apply
        </button>
      </div>
      <div className="report-quick-picks" role="group" aria-label="Quick picks">
        {QUICK_PICKS.map(({ pick, label }) => (
          <button
            key={pick}
            type="button"
            className="small"
            aria-pressed={chosen === pick}
            onClick={() => ask({ ...quickRange(pick, today), ...(department ? { department } : {}) })}
          >
            {label}
          </button>
        ))}
      </div>
      {problem ? (
        <p id={ids.problem} className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
