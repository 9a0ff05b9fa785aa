import { type FormEvent, useEffect, useId, useState } from 'react';
import { chatAccessOf, may } from '../../../src/domain/chat-access';
import type { ChatSummary, StaffNote } from '../../../src/protocol';
import { formatTime } from '../../shared/format-time';
import { useConsole } from '../../store/store-context';
import './desk.css';

const EMPTY: readonly StaffNote[] = [];

function noteText(note: StaffNote): string {
  if (note.kind === 'whisper') return `Whisper from ${note.authorName}: ${note.body}`;
  return note.body;
}

/**
 * A chat's staff-only notes (a supervisor watching, their whispers, a
 * follow-up the patron left), which the patron never sees; and for a
 * supervisor, the box to whisper to the chat's operators. Loaded when the
 * chat opens, live afterwards.
 */
export function StaffNotes({ chat }: { chat: ChatSummary }) {
  const notes = useConsole((state) => state.staffNotes[chat.id] ?? EMPTY);
  const loadStaffNotes = useConsole((state) => state.loadStaffNotes);
  const mayWhisper = useConsole(
    (state) => state.operator !== null && may('whisper', chatAccessOf(chat), state.operator),
  );
  useEffect(() => {
    void loadStaffNotes(chat.id);
  }, [chat.id, loadStaffNotes]);
  const headingId = useId();
  if (notes.length === 0 && !mayWhisper) return null;
  return (
    <section className="staff-notes" aria-labelledby={headingId} data-staff-notes>
      <h3 id={headingId}>Staff only (the patron does not see these)</h3>
      {notes.length > 0 ? (
        <ul aria-live="polite">
          {notes.map((note) => (
            <li key={note.id} className={`staff-note-${note.kind}`} data-note-kind={note.kind}>
              <time dateTime={new Date(note.at).toISOString()}>{formatTime(note.at)}</time> {noteText(note)}
            </li>
          ))}
        </ul>
      ) : null}
      {mayWhisper ? <WhisperBox chatId={chat.id} /> : null}
    </section>
  );
}

function WhisperBox({ chatId }: { chatId: string }) {
  const whisper = useConsole((state) => state.whisper);
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const inputId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') return;
    setSending(true);
    if (await whisper(chatId, body.trim())) setBody('');
    setSending(false);
  };
  return (
    <form className="whisper-box" onSubmit={(event) => void submit(event)}>
      <label htmlFor={inputId} className="visually-hidden">
        Whisper to the operators of this chat
      </label>
      <input
        id={inputId}
        value={body}
        maxLength={4000}
        placeholder="Whisper to the operators (never sent to the patron)"
        onChange={(event) => setBody(event.currentTarget.value)}
      />
      <button type="submit" disabled={sending || body.trim() === ''}>
        Whisper
      </button>
    </form>
  );
}
