import { READ_LEVELS } from '../../../src/protocol/reports';
import { useId, useRef, useState, type FormEvent } from 'react';
import { proposedTimeSpentMinutes } from '../../../src/domain/chat-stats';
import { LIMITS, type ChatSummary } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { ModalDialog } from '../../shared/modal-dialog';
import { patronLabel } from '../../../src/domain/patron-label';

/** After End Chat: the Analytics entry (Question Type, Time Spent, notes) and Save. */
export function AnalyticsDialog() {
  const analytics = useConsole((state) => state.analytics);
  const chat = useConsole((state) => (state.analytics ? state.chats[state.analytics.chatId] : undefined));
  if (!analytics || !chat) return null;
  // Keyed by chat so a second dialog starts from its own chat's numbers.
  return <AnalyticsForm key={chat.id} chat={chat} saving={analytics.saving} error={analytics.error} />;
}

function AnalyticsForm({ chat, saving, error }: { chat: ChatSummary; saving: boolean; error: string | null }) {
  const questionTypes = useConsole((state) => state.questionTypes);
  const saveAnalytics = useConsole((state) => state.saveAnalytics);
  const closeAnalytics = useConsole((state) => state.closeAnalytics);
  const [questionTypeId, setQuestionTypeId] = useState('');
  const [minutes, setMinutes] = useState(() => String(proposedTimeSpentMinutes(chat, Date.now())));
  const [notes, setNotes] = useState('');
  const readScale = useConsole((state) => state.readScale);
  const [readLevel, setReadLevel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const first = useRef<HTMLSelectElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const timeSpentMinutes = Number(minutes);
    if (!questionTypeId) return setProblem('Choose a Question Type.');
    if (!Number.isInteger(timeSpentMinutes) || timeSpentMinutes < 0 || timeSpentMinutes > LIMITS.timeSpentMaxMinutes) {
      return setProblem(`Time Spent is a whole number of minutes from 0 to ${LIMITS.timeSpentMaxMinutes}.`);
    }
    setProblem(null);
    if (readScale && !readLevel) return setProblem('Choose the READ scale level.');
    void saveAnalytics({
      chatId: chat.id,
      questionTypeId,
      timeSpentMinutes,
      notes,
      readLevel: readScale && readLevel ? Number(readLevel) : null,
    });
  };

  const shownError = problem ?? error;
  return (
    <ModalDialog
      labelledBy={`${id}-title`}
      describedBy={`${id}-subtitle`}
      className="dialog"
      onClose={closeAnalytics}
      initialFocus={first}
      returnFocus={() => returnFocusAfterAnalytics(chat.id)}
    >
      {/* Our own messages say what is missing; the browser's bubbles would not be read inside the dialog. */}
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>Analytics</h2>
        <p className="dialog-subtitle" id={`${id}-subtitle`}>
          Chat with <bdi dir="auto">{patronLabel(chat)}</bdi> (<bdi>{chat.departmentName}</bdi>). The transcript is
          already stored.
        </p>
        <label htmlFor={`${id}-type`}>Question Type</label>
        <select
          id={`${id}-type`}
          ref={first}
          required
          value={questionTypeId}
          onChange={(event) => setQuestionTypeId(event.target.value)}
        >
          <option value="">Choose…</option>
          {questionTypes.map((type) => (
            <option key={type.id} value={type.id}>
              {type.label}
            </option>
          ))}
        </select>
        {readScale ? (
          <>
            <label htmlFor={`${id}-read`}>READ scale (effort)</label>
            <select id={`${id}-read`} required value={readLevel} onChange={(event) => setReadLevel(event.target.value)}>
              <option value="">Choose…</option>
              {READ_LEVELS.map((level) => (
                <option key={level.level} value={level.level}>
                  {level.level}: {level.words}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor={`${id}-minutes`}>Time Spent (minutes)</label>
        <input
          id={`${id}-minutes`}
          type="number"
          inputMode="numeric"
          min={0}
          max={LIMITS.timeSpentMaxMinutes}
          step={1}
          required
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea
          id={`${id}-notes`}
          rows={4}
          maxLength={LIMITS.notesMaxLength}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
        />
        {shownError ? (
          <p className="form-error" role="alert">
            {shownError}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={closeAnalytics}>
            Later
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/**
 * End Chat, which opened the dialog, is gone with the chat's end: the focus
 * goes to Enter analytics (after Later) or the chat's heading (after Save).
 */
function returnFocusAfterAnalytics(chatId: string): HTMLElement | null {
  const pane = [...document.querySelectorAll('section.chat-pane[data-chat-id]')].find(
    (section) => section.getAttribute('data-chat-id') === chatId,
  );
  return pane?.querySelector<HTMLElement>('[data-enter-analytics]') ?? pane?.querySelector<HTMLElement>('h2') ?? null;
}
