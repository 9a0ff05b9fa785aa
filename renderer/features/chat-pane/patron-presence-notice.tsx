import type { ChatSummary } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import './chat-activity.css';
import { patronLabel } from '../../../src/domain/patron-label';

/**
 * Whether the open chat's patron is still there. "Away" comes at once when their widget loses its
 * connection (a closed tab, a dropped network); the server says "left" when they have not come back
 * within the return period, and then the owner may End Chat (the button is in the header). Present
 * but empty while the patron is connected, like the connection banner, so screen readers hear the
 * change.
 */
export function PatronPresenceNotice({ chat, mine }: { chat: ChatSummary; mine: boolean }) {
  const presence = useConsole((state) => state.patronPresence[chat.id]);
  // Once a chat has ended, whether its patron is connected no longer matters.
  const state = presence && chat.status !== 'ended' ? presence.state : 'here';
  return (
    <div className={`patron-presence patron-presence-${state}`} role="status" data-patron-presence={state}>
      {presenceText(state, patronLabel(chat), mine && chat.status === 'active')}
    </div>
  );
}

/** The notice's words; `canEnd` adds the next step for the librarian answering the chat. */
export function presenceText(state: 'here' | 'away' | 'left', name: string, canEnd: boolean): string {
  if (state === 'away')
    return `${name} lost the connection or closed the chat window. The chat continues if they come back.`;
  if (state === 'left') return `${name} left the chat.${canEnd ? ' You can End Chat.' : ''}`;
  return '';
}
