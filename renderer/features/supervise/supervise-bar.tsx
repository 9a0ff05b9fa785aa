import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { chatAccessOf, isOwner, may } from '../../../src/domain/chat-access';
import type { ChatSummary } from '../../../src/protocol';
import { useNow } from '../../shared/use-now';
import { patronLeftQueue } from '../../store/selectors';
import { useConsole } from '../../store/store-context';
import { whoHasIt } from './holding';
import { ReassignDialog } from './reassign-dialog';
import './supervise.css';

/**
 * For supervisors and admins, under the open chat's header: who has it and for
 * how long, with Take over and Reassign... Shown exactly when the access rule
 * the server enforces (`supervise`) allows it.
 */
export function SuperviseBar({ chat }: { chat: ChatSummary }) {
  const { me, busy, takeOverChat } = useConsole(
    useShallow((state) => ({
      me: state.operator,
      busy: state.superviseBusy[chat.id],
      takeOverChat: state.takeOverChat,
    })),
  );
  const left = useConsole((state) => patronLeftQueue(state, chat));
  const [reassigning, setReassigning] = useState(false);
  const now = useNow();
  const facts = chatAccessOf(chat);
  if (!me || !may('supervise', facts, me)) return null;
  const mine = isOwner(facts, me.id);
  return (
    <div className="supervise-bar" data-supervise>
      <p className="supervise-holding">{mine ? 'You have this chat' : whoHasIt(chat, now, left)}</p>
      {!mine ? (
        <button type="button" disabled={busy !== undefined} onClick={() => void takeOverChat(chat.id)}>
          Take over
        </button>
      ) : null}
      <button type="button" aria-haspopup="dialog" disabled={busy !== undefined} onClick={() => setReassigning(true)}>
        Reassign...
      </button>
      {reassigning ? <ReassignDialog chat={chat} onClose={() => setReassigning(false)} /> : null}
    </div>
  );
}
