import type { FollowUp } from '../../../src/protocol';
import { formatDateTime } from '../../shared/format-time';
import { useConsole } from '../../store/store-context';

// One empty list, not a new one per render: a selector must return the same value for the same state.
const NO_FOLLOW_UPS: readonly FollowUp[] = [];

/** A reply by email, ready in the librarian's own mail program (Deskbell sends no mail itself yet). */
function mailtoOf(email: string, question: string): string {
  const subject = encodeURIComponent('Your question to the library');
  const body = encodeURIComponent(`You asked:\n> ${question}\n\n`);
  return `mailto:${encodeURIComponent(email)}?subject=${subject}&body=${body}`;
}

/** Questions patrons left instead of waiting past T3, oldest first, until someone marks them answered. */
export function FollowUpsTable() {
  const followUps = useConsole((state) => state.deskOverview?.followUps ?? NO_FOLLOW_UPS);
  const markAnswered = useConsole((state) => state.markFollowUpAnswered);
  return (
    <section className="desk-section" aria-labelledby="desk-follow-ups">
      <h3 id="desk-follow-ups">Follow-ups to answer by email ({followUps.length})</h3>
      {followUps.length === 0 ? (
        <p>No follow-up is waiting for an answer.</p>
      ) : (
        <table className="desk-table">
          <thead>
            <tr>
              <th scope="col">Patron</th>
              <th scope="col">Department</th>
              <th scope="col">Question</th>
              <th scope="col">Left</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {followUps.map((followUp) => (
              <tr key={followUp.id} data-follow-up={followUp.id}>
                <th scope="row">
                  <bdi dir="auto">{followUp.patronName ?? 'Patron'}</bdi>
                  <br />
                  <a href={mailtoOf(followUp.email, followUp.question)}>{followUp.email}</a>
                </th>
                <td>{followUp.departmentName}</td>
                <td dir="auto">{followUp.question}</td>
                <td>{formatDateTime(followUp.createdAt)}</td>
                <td>
                  <button type="button" onClick={() => void markAnswered(followUp.id)}>
                    Mark answered
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
