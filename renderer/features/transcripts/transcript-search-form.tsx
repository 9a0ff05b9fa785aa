import { type FormEvent, useId, useState } from 'react';
import { RATING_SCALE, type TranscriptSearch } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';

const EMPTY = {
  text: '',
  patron: '',
  operatorId: '',
  departmentId: '',
  questionTypeId: '',
  rating: '',
  from: '',
  to: '',
};
type Draft = typeof EMPTY;

/** The draft as the server's search: empty boxes ask for nothing. */
function searchOf(draft: Draft, page = 1): TranscriptSearch {
  const given = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    text: given(draft.text),
    patron: given(draft.patron),
    operatorId: given(draft.operatorId),
    departmentId: given(draft.departmentId),
    questionTypeId: given(draft.questionTypeId),
    rating: draft.rating ? Number(draft.rating) : undefined,
    from: given(draft.from),
    to: given(draft.to),
    page,
  };
}

/**
 * Search every transcript you may read: words of the chat, the patron's name or email, who answered,
 * the department, the question type, the rating and the dates. The words go to each database's
 * full-text index; the list below then shows the matches a page at a time.
 */
export function TranscriptSearchForm() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [more, setMore] = useState(false);
  const search = useConsole((state) => state.searchTranscripts);
  const clear = useConsole((state) => state.clearTranscriptSearch);
  const searching = useConsole((state) => state.transcriptSearch !== null);
  const operators = useConsole((state) => state.operators);
  const departments = useConsole((state) => state.departments);
  const questionTypes = useConsole((state) => state.questionTypes);
  const ids = useId();
  const field = (key: keyof Draft) => ({
    id: `${ids}-${key}`,
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(searchOf(draft));
  };

  return (
    <form className="transcript-search" role="search" aria-label="Search transcripts" onSubmit={submit}>
      <div className="transcript-search-row">
        <label htmlFor={`${ids}-text`} className="visually-hidden">
          Words in the chat
        </label>
        <input type="search" placeholder="Words in the chat" {...field('text')} />
        <button type="submit">Search</button>
        {searching ? (
          <button
            type="button"
            className="small"
            onClick={() => {
              setDraft(EMPTY);
              clear();
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      <button type="button" className="link-button" aria-expanded={more} onClick={() => setMore(!more)}>
        {more ? 'Fewer filters' : 'More filters'}
      </button>
      {more ? (
        <div className="transcript-search-filters">
          <label htmlFor={`${ids}-patron`}>Patron name or email</label>
          <input {...field('patron')} />
          <label htmlFor={`${ids}-operatorId`}>Answered by</label>
          <select {...field('operatorId')}>
            <option value="">Anyone</option>
            {Object.values(operators)
              .sort((a, b) => a.displayName.localeCompare(b.displayName))
              .map((operator) => (
                <option key={operator.id} value={operator.id}>
                  {operator.displayName}
                </option>
              ))}
          </select>
          <label htmlFor={`${ids}-departmentId`}>Department</label>
          <select {...field('departmentId')}>
            <option value="">Any department</option>
            {departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-questionTypeId`}>Question type</label>
          <select {...field('questionTypeId')}>
            <option value="">Any type</option>
            {questionTypes.map((type) => (
              <option key={type.id} value={type.id}>
                {type.label}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-rating`}>Patron’s rating</label>
          <select {...field('rating')}>
            <option value="">Any rating</option>
            {RATING_SCALE.map((choice) => (
              <option key={choice.rating} value={choice.rating}>
                {choice.rating}: {choice.words}
              </option>
            ))}
          </select>
          <label htmlFor={`${ids}-from`}>Asked from</label>
          <input type="date" {...field('from')} />
          <label htmlFor={`${ids}-to`}>to</label>
          <input type="date" {...field('to')} />
        </div>
      ) : null}
    </form>
  );
}

/** Previous / next page of the search's matches, with where we are. */
export function TranscriptSearchPages() {
  const result = useConsole((state) => state.transcriptSearch);
  const search = useConsole((state) => state.searchTranscripts);
  if (!result) return null;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const go = (page: number) => void search({ ...result.query, page });
  return (
    <div className="transcript-search-pages">
      <p role="status">
        {result.busy
          ? 'Searching…'
          : result.total === 1
            ? '1 chat matches'
            : `${result.total.toLocaleString()} chats match`}
        {pages > 1 ? ` · page ${result.page} of ${pages}` : ''}
      </p>
      {pages > 1 ? (
        <div className="transcript-search-page-buttons">
          <button type="button" className="small" disabled={result.page <= 1} onClick={() => go(result.page - 1)}>
            Previous
          </button>
          <button type="button" className="small" disabled={result.page >= pages} onClick={() => go(result.page + 1)}>
            Next
          </button>
        </div>
      ) : null}
    </div>
  );
}
