import { useId } from 'react';
import type { StaffMessage } from '../../../src/protocol';
import { useConsole } from '../../store/store-context';
import { Composer } from '../chat-pane/composer';
import { MessageList } from '../chat-pane/message-list';

const NO_MESSAGES: readonly StaffMessage[] = [];
const NONE: readonly never[] = [];

/** A staff-to-staff chat with a colleague, in the right panel; archived on the server. */
export function StaffChatPane() {
  const staffChat = useConsole((state) => state.staffChat);
  const chatId = staffChat?.chat?.id;
  const messages = useConsole((state) => (chatId ? state.staffMessages[chatId] : undefined) ?? NO_MESSAGES);
  const pending = useConsole((state) => (chatId ? state.staffPending[chatId] : undefined) ?? NONE);
  const refused = useConsole((state) => (chatId ? state.staffRefused[chatId] : undefined) ?? NONE);
  const me = useConsole((state) => state.operator?.id);
  const send = useConsole((state) => state.sendStaffMessage);
  const headingId = useId();
  if (!staffChat) return null;

  return (
    <section className="chat-pane staff-chat" aria-labelledby={headingId} data-staff-chat-id={chatId}>
      <header className="chat-pane-header">
        <div>
          <h2 id={headingId}>Staff chat with {staffChat.name}</h2>
          <p className="chat-pane-status">Staff chats are archived: you both see this history later.</p>
        </div>
      </header>
      {staffChat.error ? <p role="alert">{staffChat.error}</p> : null}
      <MessageList
        messages={messages}
        sideOf={(message) => (message.authorId === me ? 'message-operator' : 'message-patron')}
        pending={pending}
        refused={refused}
        label="Messages"
      />
      <Composer onSend={send} disabled={!chatId} />
    </section>
  );
}
