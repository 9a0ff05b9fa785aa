import { type FormEvent, useId, useState } from 'react';
import type { PatronConnection } from '../../src/client/patron-connection';
import { RATING_COMMENT_MAX, RATING_SCALE } from '../../src/protocol/reports';

interface Props {
  connection: PatronConnection;
}

/**
 * "How helpful was this chat?" when a chat ends: five choices with words (not stars alone, so a
 * screen reader and a hurried patron read the same thing), an optional comment, one Send. Only the
 * library's staff see the answer. Sending again replaces it; a refusal keeps what was chosen.
 */
export function ChatRating({ connection }: Props) {
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (rating === null) return setError('Choose how helpful the chat was.');
    setSending(true);
    setError(null);
    const ack = await connection.rate({ rating, comment: comment.trim() || undefined });
    setSending(false);
    if (ack.ok) setSent(true);
    else setError(ack.error.message);
  };

  if (sent) {
    return (
      <p className="rating-thanks" role="status" data-rating-sent>
        Thank you for telling us.
      </p>
    );
  }
  return (
    <form className="chat-rating" onSubmit={(event) => void submit(event)} noValidate data-chat-rating>
      <fieldset>
        <legend>How helpful was this chat?</legend>
        <div className="rating-choices">
          {RATING_SCALE.map((choice) => (
            <label key={choice.rating} className={rating === choice.rating ? 'chosen' : undefined}>
              <input
                type="radio"
                name={`${ids}-rating`}
                value={choice.rating}
                checked={rating === choice.rating}
                onChange={() => {
                  setRating(choice.rating);
                  setError(null);
                }}
              />
              <span className="rating-number" aria-hidden="true">
                {choice.rating}
              </span>
              <span className="rating-words">{choice.words}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${ids}-comment`}>Anything to add? (optional)</label>
        <textarea
          id={`${ids}-comment`}
          rows={2}
          maxLength={RATING_COMMENT_MAX}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={sending}>
        {sending ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}
