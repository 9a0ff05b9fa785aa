import { useId } from 'react';
import type { StaffMessage } from '../../../src/protocol';
import type { OpenStaffChat } from '../../store/staff-slice';
import { useConsole } from '../../store/store-context';
import { Composer } from '../chat-pane/composer';
import { FindBox } from '../chat-pane/find-box';
import { useFindInChat } from '../chat-pane/find-in-chat';
import { MessageList } from '../chat-pane/message-list';
import { ScreenshareBar } from '../screenshare/screenshare-bar';
import { memberNamesOf, membersByName } from '../staff-review/staff-chat-members';

const NO_MESSAGES: readonly StaffMessage[] = [];
const NONE: readonly never[] = [];

/**
 * A staff-to-staff chat in the right panel; archived on the server. With a
 * colleague it has a composer; a supervisor reviewing two others' chat reads
 * it (new messages arrive live) and cannot write in it.
 */
export function StaffChatPane() {
  const staffChat = useConsole((state) => state.staffChat);
  const connected = useConsole((state) => state.connection === 'connected');
  const chatId = staffChat?.chat?.id;
  const messages = useConsole((state) => (chatId ? state.staffMessages[chatId] : undefined) ?? NO_MESSAGES);
  const pending = useConsole((state) => (chatId ? state.staffPending[chatId] : undefined) ?? NONE);
  const refused = useConsole((state) => (chatId ? state.staffRefused[chatId] : undefined) ?? NONE);
  const me = useConsole((state) => state.operator?.id);
  const send = useConsole((state) => state.sendStaffMessage);
  const headingId = useId();
  const find = useFindInChat(messages, chatId ?? '');
  if (!staffChat) return null;
  const review = staffChat.review === true;

  return (
    <section
      className="chat-pane staff-chat"
      aria-labelledby={headingId}
      data-staff-chat-id={chatId}
      data-review={review ? 'true' : undefined}
    >
      <header className="chat-pane-header">
        <div>
          <h2 id={headingId}>
            {review ? 'Staff chat between ' : 'Staff chat with '}
            <bdi dir="auto">{review ? reviewedPair(staffChat) : staffChat.name}</bdi>
          </h2>
          <p className="chat-pane-status">
            {review
              ? 'You are reviewing this archived staff chat as a supervisor: you can read it, not write in it.'
              : 'Staff chats are archived: you both see this history later.'}
          </p>
        </div>
        <FindBox find={find} />
      </header>
      {staffChat.error ? <p role="alert">{staffChat.error}</p> : null}
      <MessageList
        key={chatId}
        messages={messages}
        find={find.highlight}
        sideOf={(message) =>
          // A screenshare step is the desk's line, like the system lines of a patron chat.
          message.event
            ? 'message-system'
            : review
              ? sideByMember(staffChat)(message)
              : message.authorId === me
                ? 'message-operator'
                : 'message-patron'
        }
        pending={review ? NONE : pending}
        refused={review ? NONE : refused}
        connected={connected}
        label="Messages"
      />
      {review ? null : <Composer onSend={send} disabled={!chatId} />}
      {!review && chatId ? (
        <ScreenshareBar chat={{ kind: 'staff', id: chatId }} otherName={staffChat.name} mayRequest={connected} />
      ) : null}
    </section>
  );
}

/** "Alice and Bob", from the chat's members once known (the store's name otherwise). */
function reviewedPair(staffChat: OpenStaffChat): string {
  return staffChat.chat ? memberNamesOf(staffChat.chat) : staffChat.name;
}

/** Read by a third person, the first member (by name) talks from the left and the second from the right. */
function sideByMember(staffChat: OpenStaffChat): (message: StaffMessage) => string {
  const first = staffChat.chat ? membersByName(staffChat.chat)[0]?.id : undefined;
  return (message) => (message.authorId === first ? 'message-patron' : 'message-operator');
}
