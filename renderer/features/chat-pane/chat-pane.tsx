import { Fragment, type ReactNode, useCallback, useEffect, useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type ChatPermission, chatAccessOf, may } from '../../../src/domain/chat-access';
import type { ChatSummary } from '../../../src/protocol';
import { MessageText } from '../../shared/message-text';
import { useRescueFocus } from '../../shared/use-rescue-focus';
import { selectMessages, selectOpenChat } from '../../store/selectors';
import { useConsole } from '../../store/store-context';
import type { ChatTab } from '../../store/console-state';
import { chatRoleOf } from '../../store/transfer-slice';
import { PatronInfoTab } from '../patron-info/patron-info-tab';
import { ScreenshareBar } from '../screenshare/screenshare-bar';
import { StaffNotes } from '../desk/staff-notes';
import { SuperviseBar } from '../supervise/supervise-bar';
import { AddParticipants } from '../transfer/add-participants';
import { TransferOffer } from '../transfer/transfer-offer';
import { Composer } from './composer';
import { FindBox } from './find-box';
import { type FindHighlight, useFindInChat } from './find-in-chat';
import { MessageList, sideByAuthorKind, useAuthorNamesIn } from './message-list';
import { PatronPresenceNotice } from './patron-presence-notice';
import { TypingIndicator } from './typing-indicator';
import { patronLabel } from '../../../src/domain/patron-label';

/** The right panel: the open chat, with the tabs Chat and Patron info. */
export function ChatPane() {
  const chat = useConsole(selectOpenChat);
  if (!chat) {
    return (
      <section className="chat-pane chat-pane-empty" aria-label="Open chat">
        <h2>No chat open</h2>
        <p>Click a patron&apos;s name under Patron Chats to preview the question, or Claim Chat to answer it.</p>
      </section>
    );
  }
  return <OpenChat chat={chat} />;
}

function OpenChat({ chat }: { chat: ChatSummary }) {
  const { me, tab, setTab, busy, claimNote, actionError } = useConsole(
    useShallow((state) => ({
      me: state.operator,
      tab: state.chatTab,
      setTab: state.setChatTab,
      busy: state.busy[chat.id],
      claimNote: state.claimNotes[chat.id],
      actionError: state.actionErrors[chat.id],
    })),
  );
  const { claimChat, endChat, openAnalytics, leaveChat, leaving } = useConsole(
    useShallow((state) => ({
      claimChat: state.claimChat,
      endChat: state.endChat,
      openAnalytics: state.openAnalytics,
      leaveChat: state.leaveChat,
      leaving: state.transferBusy[chat.id] === 'leave',
    })),
  );
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useRescueFocus(heading, chat.id);
  const messages = useConsole(selectMessages(chat.id));
  // An ended chat listed without its messages (mine, analytics still to enter, after a reload) is fetched.
  const loadEndedChatMessages = useConsole((state) => state.loadEndedChatMessages);
  const ended = chat.status === 'ended';
  useEffect(() => {
    if (ended) void loadEndedChatMessages(chat.id);
  }, [ended, chat.id, loadEndedChatMessages]);
  const find = useFindInChat(messages, chat.id);
  // Searching shows the chat: the matches are in its messages, not on the Patron info tab.
  const showChat = useCallback(() => setTab('chat'), [setTab]);
  const name = patronLabel(chat);
  const role = chatRoleOf(chat, me);
  const mine = role.owner;
  // Each button is offered exactly when the access rules the server enforces would allow it.
  const facts = chatAccessOf(chat);
  const allowed = (permission: ChatPermission) => me !== null && may(permission, facts, me);

  return (
    <section className="chat-pane" aria-labelledby={headingId} data-chat-id={chat.id}>
      <header className="chat-pane-header">
        <div>
          <h2 id={headingId} ref={heading} tabIndex={-1} dir="auto">
            {name}
          </h2>
          <p className="chat-pane-status">{describeState(chat, mine, role.participant)}</p>
        </div>
        <div className="chat-pane-actions">
          <FindBox find={find} onOpen={tab === 'chat' ? undefined : showChat} />
          {allowed('claim') ? (
            <button
              type="button"
              className="primary"
              disabled={busy === 'claim'}
              onClick={() => void claimChat(chat.id)}
            >
              Claim Chat
            </button>
          ) : null}
          {allowed('transfer') ? <AddParticipants chatId={chat.id} departmentId={chat.departmentId} /> : null}
          {role.participant ? (
            <button type="button" disabled={leaving} onClick={() => void leaveChat(chat.id)}>
              Leave chat
            </button>
          ) : null}
          {allowed('end') ? (
            <button type="button" className="danger" disabled={busy === 'end'} onClick={() => void endChat(chat.id)}>
              End Chat
            </button>
          ) : null}
          {mine && allowed('save-analytics') && !chat.hasAnalytics ? (
            <button type="button" className="primary" data-enter-analytics onClick={() => openAnalytics(chat.id)}>
              Enter analytics
            </button>
          ) : null}
        </div>
      </header>
      <SuperviseBar chat={chat} />
      <TransferOffer chat={chat} offeredToMe={role.offeredToMe} />
      <PatronPresenceNotice chat={chat} mine={mine} />
      {claimNote ? (
        <p className="notice" role="alert">
          {claimNote}
        </p>
      ) : null}
      {actionError ? (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      ) : null}
      <ChatTabs chatId={chat.id} tab={tab} onTab={setTab} />
      <div
        role="tabpanel"
        id={`${chat.id}-panel-${tab}`}
        aria-labelledby={`${chat.id}-tab-${tab}`}
        className="chat-pane-body"
        tabIndex={0}
      >
        {tab === 'chat' ? (
          <ChatTabBody chat={chat} mayWrite={allowed('write')} find={find.highlight} />
        ) : (
          <PatronInfoTab chat={chat} />
        )}
      </div>
      {chat.status === 'active' && (role.owner || role.participant) ? (
        <ScreenshareBar
          chat={{ kind: 'patron', id: chat.id }}
          otherName="the patron"
          mayRequest={allowed('screenshare')}
        />
      ) : null}
    </section>
  );
}

const TABS: Array<[ChatTab, string]> = [
  ['chat', 'Chat'],
  ['patron-info', 'Patron info'],
];

function ChatTabs({ chatId, tab, onTab }: { chatId: string; tab: ChatTab; onTab: (tab: ChatTab) => void }) {
  return (
    <div role="tablist" aria-label="Chat details" className="tabs">
      {TABS.map(([value, label]) => (
        <button
          key={value}
          type="button"
          role="tab"
          id={`${chatId}-tab-${value}`}
          aria-selected={tab === value}
          aria-controls={`${chatId}-panel-${value}`}
          tabIndex={tab === value ? 0 : -1}
          onClick={() => onTab(value)}
          onKeyDown={(event) => {
            // Arrow keys move between tabs, as the ARIA tabs pattern expects.
            if (event.key === 'ArrowRight' || event.key === 'ArrowLeft')
              onTab(value === 'chat' ? 'patron-info' : 'chat');
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function ChatTabBody({ chat, mayWrite, find }: { chat: ChatSummary; mayWrite: boolean; find?: FindHighlight }) {
  const messages = useConsole(selectMessages(chat.id));
  const pending = useConsole((state) => state.pending[chat.id]);
  const refused = useConsole((state) => state.refused[chat.id]);
  const connected = useConsole((state) => state.connection === 'connected');
  const sendMessage = useConsole((state) => state.sendMessage);
  const signalTyping = useConsole((state) => state.signalTyping);
  const onTyping = useCallback((typing: boolean) => signalTyping(chat.id, typing), [signalTyping, chat.id]);
  const dismissRefused = useConsole((state) => state.dismissRefused);
  const authorOf = useAuthorNamesIn(chat);
  const focusTicket = useConsole((state) =>
    state.replyFocus?.chatId === chat.id ? state.replyFocus.ticket : undefined,
  );
  const replyFocused = useConsole((state) => state.replyFocused);
  // The question is usually the chat's first message; show it on its own only when it is not.
  const questionShown = messages[0]?.authorKind === 'patron' && messages[0].body === chat.question;
  return (
    <>
      {!questionShown ? (
        <blockquote className="question">
          <p className="question-label">Question</p>
          <p dir="auto">
            <MessageText body={chat.question} />
          </p>
        </blockquote>
      ) : null}
      <MessageList
        key={`messages-${chat.id}`}
        label="Messages"
        messages={messages}
        find={find}
        sideOf={sideByAuthorKind}
        authorOf={authorOf}
        pending={pending}
        refused={refused}
        onDismissRefused={dismissRefused}
        connected={connected}
      />
      {chat.status !== 'ended' ? <TypingIndicator key={chat.id} chatId={chat.id} /> : null}
      <StaffNotes chat={chat} />
      {mayWrite ? (
        <Composer
          onSend={(body) => sendMessage(chat.id, body)}
          disabled={false}
          onTyping={onTyping}
          focusTicket={focusTicket}
          onFocused={replyFocused}
        />
      ) : null}
    </>
  );
}

/** The line under the patron's name; names are isolated (`<bdi>`) so a right-to-left one keeps the line in order. */
function describeState(chat: ChatSummary, mine: boolean, participant: boolean): ReactNode {
  const where = <bdi>{chat.departmentName}</bdi>;
  const name = (text: string) => <bdi dir="auto">{text}</bdi>;
  if (chat.status === 'active' && participant)
    return (
      <>
        {where} · Group chat: {name(chat.ownerName ?? 'a colleague')} is answering, you are a participant
      </>
    );
  if (chat.status === 'waiting') return <>{where} · Waiting to be claimed (preview)</>;
  const others = (chat.participants ?? []).map((colleague) => colleague.name);
  if (chat.status === 'active' && mine && others.length > 0)
    return (
      <>
        {where} · Group chat: you are answering, with{' '}
        {others.map((other, index) => (
          <Fragment key={index}>
            {index > 0 ? ' and ' : null}
            {name(other)}
          </Fragment>
        ))}
      </>
    );
  if (chat.status === 'active')
    return (
      <>
        {where} · {mine ? 'You are answering' : <>Claimed by {name(chat.ownerName ?? 'another operator')}</>}
      </>
    );
  return (
    <>
      {where} · {chat.endedBy === 'patron' ? 'The patron ended the chat' : 'Chat ended'}
    </>
  );
}
