import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { RATING_SCALE } from '../../../src/protocol/reports';
import { ModalDialog } from '../../shared/modal-dialog';
import { useConsole } from '../../store/store-context';
import { formatCount, formatDateTimeIn, formatDuration } from './report-format';

/**
 * The chats behind a bar, a cell or a total, newest first, a page at a
 * time; each opens its transcript (the Reports page closes to show it, and
 * the transcript offers the way back, to this same list).
 */
export function DrillDialog() {
  const headingId = useId();
  const { drill, close, page, openTranscript, timeZone } = useConsole(
    useShallow((state) => ({
      drill: state.reportDrill,
      close: state.closeReportDrill,
      page: state.drillReportPage,
      openTranscript: state.openReportTranscript,
      timeZone: state.reportSummary?.timeZone,
    })),
  );
  if (!drill) return null;
  const { data, error } = drill;
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, first + data.chats.length - 1) : 0;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <ModalDialog labelledBy={headingId} onClose={close} className="dialog report-drill">
      <div className="report-drill-title">
        <h3 id={headingId}>Chats: {drill.label}</h3>
        <button type="button" className="icon-button" aria-label="Close" title="Close" onClick={close}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p role="status">Loading the chats…</p> : null}
      {data && data.total === 0 ? <p className="empty">No chats ended in this range match this.</p> : null}
      {data && data.total > 0 ? (
        <>
          <p role="status" className="report-note" data-drill-count={data.total}>
            Chats {formatCount(first)} to {formatCount(last)} of {formatCount(data.total)}, newest first.
          </p>
          <div className="report-table-scroll">
            <table className="report-table">
              <caption className="visually-hidden">Chats: {drill.label}</caption>
              <thead>
                <tr>
                  <th scope="col">Patron</th>
                  <th scope="col">Department</th>
                  <th scope="col">Asked at</th>
                  <th scope="col">Operator</th>
                  <th scope="col">Wait</th>
                  <th scope="col">Rating</th>
                </tr>
              </thead>
              <tbody>
                {data.chats.map((chat) => (
                  <tr key={chat.chatId} data-chat-id={chat.chatId}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link-button"
                        title={chat.question}
                        onClick={() => void openTranscript(chat.chatId)}
                      >
                        <bdi dir="auto">{chat.patronLabel}</bdi>
                      </button>
                    </th>
                    <td>
                      <bdi>{chat.departmentName}</bdi>
                    </td>
                    <td>{formatDateTimeIn(chat.createdAt, timeZone)}</td>
                    <td>{chat.operatorName ? <bdi dir="auto">{chat.operatorName}</bdi> : 'Nobody'}</td>
                    <td>{chat.waitMs === null ? 'Not answered' : formatDuration(chat.waitMs)}</td>
                    <td>
                      {chat.rating === null
                        ? '–'
                        : `${chat.rating}: ${RATING_SCALE.find((item) => item.rating === chat.rating)?.words ?? ''}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 ? (
            <div className="dialog-actions">
              <button type="button" disabled={data.page <= 1} onClick={() => void page(data.page - 1)}>
                Previous page
              </button>
              <span>
                Page {data.page} of {pages}
              </span>
              <button type="button" disabled={data.page >= pages} onClick={() => void page(data.page + 1)}>
                Next page
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </ModalDialog>
  );
}
