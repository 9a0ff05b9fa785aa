import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConsole } from '../../store/store-context';

/**
 * The range's exports: one CSV row per chat (with each transcript's text
 * when asked), and every transcript as JSON lines or plain text. Each report
 * table has its own "Download CSV" beside its chart.
 */
export function ReportExports() {
  const headingId = useId();
  const [withText, setWithText] = useState(false);
  const { download, downloading, error } = useConsole(
    useShallow((state) => ({
      download: state.downloadReport,
      downloading: state.reportDownloading,
      error: state.reportDownloadError,
    })),
  );
  return (
    <section className="report-figure report-exports" aria-labelledby={headingId}>
      <h3 id={headingId}>Exports</h3>
      <div className="report-export-row">
        <button
          type="button"
          disabled={downloading !== null}
          onClick={() => void download({ kind: 'chats', withText })}
        >
          Download CSV
        </button>
        <span>One row per chat.</span>
        <label>
          <input type="checkbox" checked={withText} onChange={(event) => setWithText(event.target.checked)} /> Include
          transcript text
        </label>
      </div>
      <div className="report-export-row">
        <button
          type="button"
          disabled={downloading !== null}
          onClick={() => void download({ kind: 'transcripts', format: 'json' })}
        >
          Transcripts (JSON)
        </button>
        <button
          type="button"
          disabled={downloading !== null}
          onClick={() => void download({ kind: 'transcripts', format: 'text' })}
        >
          Transcripts (text)
        </button>
        <span>Every transcript of the range.</span>
      </div>
      <p role="status" className="report-note">
        {downloading ? `Preparing ${downloading}…` : ''}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
