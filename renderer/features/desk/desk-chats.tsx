import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { chatAccessOf, may } from '../../../src/domain/chat-access';
import { waitColour } from '../../../src/domain/escalation';
import { patronLabel } from '../../../src/domain/patron-label';
import type { ChatSummary, EscalationStep } from '../../../src/protocol';
import { useNow } from '../../shared/use-now';
import type { ConsoleState } from '../../store/console-state';
import { waitedWords } from '../../store/desk-alerts';
import { useConsole } from '../../store/store-context';
import { ReassignDialog } from '../supervise/reassign-dialog';

const RUNG_WORDS: Record<EscalationStep, string> = {
  0: '',
  1: 'past T1',
  2: 'past T2: supervisors alerted',
  3: 'past T3: offered a follow-up',
};

const selectOpen = (status: 'waiting' | 'active') => (state: ConsoleState) =>
  Object.values(state.chats)
    .filter((chat) => chat.status === status)
    .sort((a, b) => (status === 'waiting' ? a.createdAt - b.createdAt : (a.claimedAt ?? 0) - (b.claimedAt ?? 0)));

/** Watch, Take over, Reassign...: as the access rules the server enforces allow them. */
function ChatActions({ chat }: { chat: ChatSummary }) {
  const { me, watchChat, takeOverChat, busy } = useConsole(
    useShallow((state) => ({
      me: state.operator,
      watchChat: state.watchChat,
      takeOverChat: state.takeOverChat,
      busy: state.superviseBusy[chat.id],
    })),
  );
  const [reassigning, setReassigning] = useState(false);
  if (!me) return null;
  const facts = chatAccessOf(chat);
  const who = patronLabel(chat);
  return (
    <div className="desk-actions">
      {may('whisper', facts, me) ? (
        <button type="button" aria-label={`Watch the chat with ${who}`} onClick={() => void watchChat(chat.id)}>
          Watch
        </button>
      ) : null}
      {may('supervise', facts, me) && chat.ownerId !== me.id ? (
        <button
          type="button"
          aria-label={`Take over the chat with ${who}`}
          disabled={busy !== undefined}
          onClick={() => void takeOverChat(chat.id)}
        >
          Take over
        </button>
      ) : null}
      {may('supervise', facts, me) ? (
        <button
          type="button"
          aria-haspopup="dialog"
          aria-label={`Reassign the chat with ${who}`}
          disabled={busy !== undefined}
          onClick={() => setReassigning(true)}
        >
          Reassign...
        </button>
      ) : null}
      {reassigning ? <ReassignDialog chat={chat} onClose={() => setReassigning(false)} /> : null}
    </div>
  );
}

/** Every waiting chat, longest first; its wait coloured past T1 and T2 of its department's ladder. */
export function WaitingChatsTable() {
  const chats = useConsole(useShallow(selectOpen('waiting')));
  const now = useNow(5_000);
  return (
    <section className="desk-section" aria-labelledby="desk-waiting">
      <h3 id="desk-waiting">Waiting chats ({chats.length})</h3>
      {chats.length === 0 ? (
        <p>No patron is waiting.</p>
      ) : (
        <table className="desk-table">
          <thead>
            <tr>
              <th scope="col">Patron</th>
              <th scope="col">Department</th>
              <th scope="col">Waiting</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {chats.map((chat) => {
              const step = (chat.escalationStep ?? 0) as EscalationStep;
              return (
                <tr key={chat.id} data-chat-id={chat.id} data-wait={waitColour(step)}>
                  <th scope="row">
                    <bdi dir="auto">{patronLabel(chat)}</bdi>
                  </th>
                  <td>{chat.departmentName}</td>
                  <td className={`wait wait-${waitColour(step)}`}>
                    {waitedWords(chat.createdAt, now)}
                    {step > 0 ? <span className="wait-rung"> ({RUNG_WORDS[step]})</span> : null}
                    {chat.patronAwaySince ? <span className="wait-rung"> (patron away)</span> : null}
                  </td>
                  <td>
                    <ChatActions chat={chat} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Every chat being answered: who has it and for how long. */
export function ActiveChatsTable() {
  const chats = useConsole(useShallow(selectOpen('active')));
  const now = useNow(15_000);
  return (
    <section className="desk-section" aria-labelledby="desk-active">
      <h3 id="desk-active">Active chats ({chats.length})</h3>
      {chats.length === 0 ? (
        <p>No chat is in progress.</p>
      ) : (
        <table className="desk-table">
          <thead>
            <tr>
              <th scope="col">Patron</th>
              <th scope="col">Department</th>
              <th scope="col">Operator</th>
              <th scope="col">Duration</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {chats.map((chat) => (
              <tr key={chat.id} data-chat-id={chat.id}>
                <th scope="row">
                  <bdi dir="auto">{patronLabel(chat)}</bdi>
                </th>
                <td>{chat.departmentName}</td>
                <td>
                  {chat.ownerName ?? '—'}
                  {chat.participants && chat.participants.length > 0
                    ? ` with ${chat.participants.map((member) => member.name).join(', ')}`
                    : ''}
                </td>
                <td>{waitedWords(chat.claimedAt ?? chat.createdAt, now)}</td>
                <td>
                  <ChatActions chat={chat} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
