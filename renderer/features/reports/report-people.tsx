import { useId } from 'react';
import { RATING_SCALE, type ReportSummary } from '../../../src/protocol/reports';
import { useConsole } from '../../store/store-context';
import { DrillButton } from './chart-figure';
import { formatCount, formatDateTimeIn, formatDuration, formatRating } from './report-format';
import { useDrill } from './report-overview';

/** Who answered: chats they ended owning, the minutes their analytics entries give, their ratings. */
export function OperatorsFigure({ summary }: { summary: ReportSummary }) {
  const drill = useDrill();
  const headingId = useId();
  const download = useConsole((state) => state.downloadReport);
  return (
    <section className="report-figure" aria-labelledby={headingId} data-report-figure="operators">
      <div className="report-figure-title">
        <h3 id={headingId}>Operators</h3>
        <div className="report-figure-actions">
          <button
            type="button"
            className="small"
            aria-label="Download CSV: Operators"
            onClick={() => void download({ kind: 'table', table: 'operators' })}
          >
            Download CSV
          </button>
        </div>
      </div>
      {summary.operators.length === 0 ? (
        <p className="empty">Nobody answered a chat in this range.</p>
      ) : (
        <table className="report-table">
          <caption>Chats, time and ratings per operator</caption>
          <thead>
            <tr>
              <th scope="col">Operator</th>
              <th scope="col">Chats</th>
              <th scope="col">Time spent</th>
              <th scope="col">Rated</th>
              <th scope="col">Average rating</th>
            </tr>
          </thead>
          <tbody>
            {summary.operators.map((operator) => (
              <tr key={operator.id} data-operator-id={operator.id}>
                <th scope="row">
                  <bdi dir="auto">{operator.name}</bdi>
                </th>
                <td>
                  <DrillButton
                    chats={operator.chats}
                    label={operator.name}
                    onDrill={() => drill({ operator: operator.id }, `Answered by ${operator.name}`)}
                  />
                </td>
                <td>{formatDuration(operator.minutes * 60_000)}</td>
                <td>{formatCount(operator.rated)}</td>
                <td>{formatRating(operator.averageRating)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const ratingWords = (rating: number) => RATING_SCALE.find((item) => item.rating === rating)?.words ?? '';

/** The latest comments patrons left with their rating, each opening its chat's transcript. */
export function CommentsFigure({ summary }: { summary: ReportSummary }) {
  const headingId = useId();
  const openTranscript = useConsole((state) => state.openReportTranscript);
  return (
    <section className="report-figure" aria-labelledby={headingId}>
      <h3 id={headingId}>What patrons said</h3>
      {summary.comments.length === 0 ? (
        <p className="empty">No comments in this range.</p>
      ) : (
        // Scrolls inside itself (and takes the keyboard for it): a year's comments would stretch the page.
        <ul className="report-comments" tabIndex={0} aria-label="Comments, newest first">
          {summary.comments.map((comment) => (
            <li key={comment.chatId} data-chat-id={comment.chatId}>
              <p className="report-comment-rating">
                {comment.rating} of 5: {ratingWords(comment.rating)} ·{' '}
                {formatDateTimeIn(comment.ratedAt, summary.timeZone)}
              </p>
              <blockquote dir="auto">{comment.comment}</blockquote>
              <button
                type="button"
                className="link-button"
                aria-label={`Open the transcript rated ${comment.rating} of 5, ${formatDateTimeIn(comment.ratedAt, summary.timeZone)}`}
                onClick={() => void openTranscript(comment.chatId)}
              >
                Open the transcript
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
