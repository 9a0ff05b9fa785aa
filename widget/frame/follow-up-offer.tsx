import { type FormEvent, useId, useState } from 'react';
import type { PatronConnection } from '../../src/client/patron-connection';
import { LIMITS } from '../../src/protocol/limits';
import type { PatronChatView } from '../../src/protocol/models';
import './follow-up-offer.css';

interface Props {
  connection: PatronConnection;
  chat: PatronChatView;
  /** The question was left: the chat ends, and the widget thanks the patron with the address given. */
  onLeft: (email: string) => void;
}

/**
 * After the desk's last escalation step (nobody claimed the chat for long),
 * the patron may keep waiting or leave the question and an email address for
 * a reply later. The offer is a status region, so a screen reader hears it
 * without losing its place; the form opens only when asked for.
 */
export function FollowUpOffer({ connection, chat, onLeft }: Props) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [question, setQuestion] = useState(chat.question);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const ids = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      return setError('Please enter an email address we can reply to.');
    if (question.trim() === '') return setError('Please write your question.');
    setSending(true);
    setError(null);
    const ack = await connection.leaveFollowUp({ email: email.trim(), question: question.trim() });
    setSending(false);
    if (ack.ok) onLeft(email.trim());
    else setError(ack.error.message);
  };

  return (
    <div className="follow-up-offer" data-follow-up-offer>
      <p role="status">
        <strong>Everyone is busy right now.</strong> You can keep waiting, or leave your question and your email address
        and a librarian will answer by email.
      </p>
      {!open ? (
        <button type="button" className="primary" onClick={() => setOpen(true)}>
          Leave my question
        </button>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <div className="field">
            <label htmlFor={`${ids}-email`}>Email</label>
            <input
              id={`${ids}-email`}
              type="email"
              autoComplete="email"
              required
              maxLength={LIMITS.emailMaxLength}
              value={email}
              aria-invalid={error !== null && error.includes('email') ? true : undefined}
              aria-describedby={error ? `${ids}-error` : undefined}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-question`}>Your question</label>
            <textarea
              id={`${ids}-question`}
              rows={3}
              maxLength={LIMITS.questionMaxLength}
              value={question}
              onChange={(event) => setQuestion(event.currentTarget.value)}
            />
          </div>
          {error ? (
            <p id={`${ids}-error`} className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="follow-up-actions">
            <button type="submit" className="primary" disabled={sending}>
              Send my question
            </button>
            <button type="button" className="quiet" onClick={() => setOpen(false)}>
              Keep waiting
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
