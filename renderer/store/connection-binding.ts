import type { StoreApi } from 'zustand';
import type { OperatorConnection } from '../../src/client/operator-connection';
import { contiguousLastSeq } from '../../src/domain/message-order';
import { runsTheDesk } from '../../src/domain/chat-access';
import { hearsNewChats } from '../../src/domain/presence';
import type { ChatSummary, DesktopBridge, PresenceSnapshot, SyncResult } from '../../src/protocol';
import { withoutTypist, withPatronPresence, withTypingNotice } from './activity-slice';
import { bindChatRelease } from './chat-release';
import { without } from './chats-slice';
import type { ConsoleState } from './console-state';
import { applyDeskAlarm, applyEscalation } from './desk-alerts';
import { newChatAlertFor } from './new-chat-alert';
import { operatorsFromList } from './operators-slice';
import { bindReads } from './read-binding';
import { selectChatsToClaim } from './selectors';
import { selectUnreadTotal } from './unread-selectors';
import { transferAlertFor, transferNoteOf } from './transfer-slice';
import { patronLabel } from '../../src/domain/patron-label';

/**
 * Routes the connection's events into the store, and turns the queue's changes
 * into the desktop's signals: a patron's new chat pops up and chirps; a chat
 * that was claimed or ended takes its pop-up down; the tray (or the tab title)
 * hears the waiting count. Ended chats the console is done with are released
 * (chat-release.ts). Returns the function that undoes all of it.
 */
export function bindConnection(
  connection: OperatorConnection,
  store: StoreApi<ConsoleState>,
  bridge: DesktopBridge,
): () => void {
  let synced = false;

  const stopEvents = connection.subscribe((event) => {
    switch (event.type) {
      case 'state':
        return store.setState((state) => ({
          connection: event.state,
          problem: event.state === 'connected' ? null : state.problem,
        }));
      case 'synced':
        applySync(store, bridge, event.result, !synced);
        synced = true;
        void reloadOpenChat(connection, store, event.forgotten);
        void catchUpStaffChat(connection, store);
        store.getState().screenshareSynced(event.result.screenshares ?? []);
        // Supervisors: what the desk looks like now, standing alarms included (after a reload or a drop).
        if (runsTheDesk(event.result.me)) void store.getState().refreshDesk();
        void store.getState().screenshareResync();
        return;
      case 'chat':
        return applyChat(store, bridge, event.chat, event.isNew);
      case 'transfer-offered':
        return applyTransferOffer(store, bridge, event.chat);
      case 'assigned':
        // A supervisor gave it to me: it is under My chats already; the chirp and the words say so.
        bridge.chirp();
        return store.getState().announce(`A supervisor gave you the chat with ${patronLabel(event.chat)}.`);
      case 'transfer-returned':
        // The chat is back with its librarian, who may be busy elsewhere: the chirp calls them back to it.
        bridge.chirp();
        store
          .getState()
          .announce(
            `${event.declinedBy ? `${event.declinedBy} declined` : 'Nobody accepted'} the transfer: ` +
              `the chat with ${patronLabel(event.chat)} is yours again.`,
          );
        return applyChat(store, bridge, event.chat, false);
      case 'messages':
        return applyMessages(store, event.chatId, event.messages);
      case 'status':
        return store.setState({ status: event.status });
      case 'outbox':
        // A chat with nothing on its way and nothing refused has no entry: a day of chats leaves no empty lists.
        return store.setState((state) => ({
          pending: withList(state.pending, event.chatId, connection.pending(event.chatId)),
          refused: withList(state.refused, event.chatId, connection.refused(event.chatId)),
        }));
      case 'operator':
        return store.setState((state) => ({ operators: { ...state.operators, [event.operator.id]: event.operator } }));
      case 'staff-messages':
        return store.setState((state) => ({
          staffMessages: { ...state.staffMessages, [event.staffChatId]: event.messages },
        }));
      case 'staff-outbox':
        return store.setState((state) => ({
          staffPending: { ...state.staffPending, [event.staffChatId]: connection.staffPending(event.staffChatId) },
          staffRefused: { ...state.staffRefused, [event.staffChatId]: connection.staffRefused(event.staffChatId) },
        }));
      case 'typing':
        return store.setState((state) => ({ typing: withTypingNotice(state.typing, event.notice, Date.now()) }));
      case 'patron-presence': {
        const chat = store.getState().chats[event.notice.chatId];
        if (event.notice.state === 'left' && chat) store.getState().announce(`${patronLabel(chat)} left the chat.`);
        // A patron who left the queue needs nobody now: their pop-up goes.
        if (event.notice.state === 'away' && chat?.status === 'waiting') {
          bridge.clearChatAlert(chat.id);
          store.getState().announce(`${patronLabel(chat)} left the queue.`);
        }
        return store.setState((state) => ({ patronPresence: withPatronPresence(state.patronPresence, event.notice) }));
      }
      case 'screenshare':
        return store.getState().screenshareUpdated(event.session);
      case 'screenshare-signal':
        return store.getState().screenshareSignalled(event.sessionId, event.signal);
      case 'escalated':
        return applyEscalation(store, bridge, event.chat, event.step);
      case 'desk-alarm':
        return applyDeskAlarm(store, bridge, event.alarm.department, event.alarm.raised);
      case 'staff-note':
        return store.getState().staffNoteHeard(event.note);
      case 'follow-up':
        return store.getState().followUpHeard(event.followUp);
      case 'unauthorized':
        void store
          .getState()
          .logOut()
          .then(() => store.setState({ loginError: event.message }));
        return;
      case 'problem':
        return store.setState({ problem: event.message });
      case 'desk-settings':
        // An analytics entry already open offers the new list at once; its choice, if retired, is refused on Save.
        return store.setState({
          questionTypes: event.settings.questionTypes,
          patronFields: event.settings.patronFields,
          readScale: event.settings.readScale ?? false,
        });
    }
  });

  const stopAlertActions = bridge.onAlertAction(({ chatId, action }) => {
    const state = store.getState();
    if (action === 'open-desk') return state.openDesk();
    if (action === 'open-chat' || action === 'open-staff-chat') {
      return state.openFromAlert(action === 'open-chat' ? 'chat' : 'staff', chatId);
    }
    void (action === 'claim' ? state.claimChat(chatId) : state.previewChat(chatId));
  });

  let reported = '';
  const reportPresence = (state: ConsoleState) => {
    const presence: PresenceSnapshot = {
      status: state.status,
      connected: state.connection === 'connected',
      // A patron who left the queue is not waited for: no count, no repeating chirp.
      waiting: selectChatsToClaim(state).length,
      // Past T1 of their ladder: the chirp repeats more often while any waits.
      escalated: selectChatsToClaim(state).filter((chat) => (chat.escalationStep ?? 0) >= 1).length,
      // The title and the tray badge count these too: what waits for this operator.
      unread: selectUnreadTotal(state),
    };
    const key = JSON.stringify(presence);
    if (key === reported) return;
    reported = key;
    bridge.reportPresence(presence);
  };
  reportPresence(store.getState());
  const stopPresence = store.subscribe(reportPresence);

  const stopRelease = bindChatRelease(connection, store);
  const stopReads = bindReads(connection, store, bridge);

  return () => {
    stopEvents();
    stopAlertActions();
    stopPresence();
    stopRelease();
    stopReads();
    // Logged out or replaced: the call of this connection ends here (the server's grace ends it for the other side).
    store.getState().dropScreenshareCall();
  };
}

/** The record with the chat's list, or without the chat when its list is empty. */
function withList<T>(record: Record<string, T[]>, chatId: string, list: T[]): Record<string, T[]> {
  return list.length > 0 ? { ...record, [chatId]: list } : without(record, chatId);
}

function applySync(store: StoreApi<ConsoleState>, bridge: DesktopBridge, result: SyncResult, first: boolean): void {
  const before = store.getState();
  const chats: Record<string, ChatSummary> = {};
  for (const chat of result.chats) chats[chat.id] = chat;
  // Keep the chat on screen even when the snapshot no longer lists it (ended by someone else meanwhile).
  const open = before.openChatId ? before.chats[before.openChatId] : undefined;
  if (open && !chats[open.id]) chats[open.id] = open;

  for (const chat of Object.values(before.chats)) {
    if (chat.status === 'waiting' && chats[chat.id]?.status !== 'waiting') bridge.clearChatAlert(chat.id);
  }
  // Chats that arrived while the connection was down still deserve a pop-up; the ones already
  // waiting at log-in are in plain sight in Patron Chats.
  if (!first && hearsNewChats(result.status)) {
    const arrived = result.chats.filter((chat) => chat.status === 'waiting' && !before.chats[chat.id]);
    for (const chat of arrived) bridge.alertNewChat(newChatAlertFor(chat));
    if (arrived.length > 0) bridge.chirp();
  }

  const patronPresence: ConsoleState['patronPresence'] = {};
  for (const chat of result.chats) {
    if (typeof chat.patronAwaySince === 'number')
      patronPresence[chat.id] = { state: 'away', since: chat.patronAwaySince };
    else if (typeof chat.patronLeftAt === 'number')
      patronPresence[chat.id] = { state: 'left', since: chat.patronLeftAt };
  }

  store.setState({
    chats,
    patronPresence,
    operator: result.me,
    status: result.status,
    departments: result.departments,
    questionTypes: result.questionTypes,
    patronFields: result.patronFields,
    readScale: result.readScale ?? false,
    ...(result.operators ? { operators: operatorsFromList(result.operators) } : {}),
  });
}

function applyChat(store: StoreApi<ConsoleState>, bridge: DesktopBridge, chat: ChatSummary, isNew: boolean): void {
  const state = store.getState();
  const previous = state.chats[chat.id];
  const me = state.operator?.id;
  const isOpen = state.openChatId === chat.id;

  // New in the queue for this console: a new chat, a department transfer or a chat handed back
  // (chat:new, or chat:updated of a chat it knew as active); never one this operator sent there.
  const sentByMe = chat.returnedBy?.id === me || chat.transfer?.from.id === me;
  const arrived = isNew ? !previous : previous?.status !== 'waiting';
  if (chat.status === 'waiting' && arrived && !sentByMe && hearsNewChats(state.status)) {
    const returnedBy = chat.returnedBy;
    bridge.alertNewChat(chat.transfer ? transferAlertFor(chat) : newChatAlertFor(chat));
    bridge.chirp();
    const from = transferNoteOf(chat) ?? (returnedBy ? `returned by ${returnedBy.name}` : null);
    state.announce(`New patron chat from ${patronLabel(chat)} in ${chat.departmentName}${from ? ` (${from})` : ''}.`);
  }
  const leftQueue =
    chat.status === 'waiting' &&
    (chat.patronAwaySince ?? null) !== null &&
    (previous?.patronAwaySince ?? null) === null;
  if (leftQueue) bridge.clearChatAlert(chat.id);
  if (previous?.status === 'waiting' && chat.status !== 'waiting') bridge.clearChatAlert(chat.id);
  // A transfer was accepted (or returned): its "transferred from ..." pop-up has done its job.
  else if (previous?.transfer && !chat.transfer) bridge.clearChatAlert(chat.id);

  let claimNotes = state.claimNotes;
  if (previous?.status === 'waiting' && chat.status === 'active' && chat.ownerId !== me && isOpen) {
    const note = `${chat.ownerName ?? 'Another operator'} claimed this chat.`;
    claimNotes = { ...claimNotes, [chat.id]: note };
    state.announce(note);
  }

  // Ended chats of other operators leave the console unless someone is reading them.
  const forget = chat.status === 'ended' && chat.ownerId !== me && !isOpen;
  const ended = chat.status === 'ended';
  store.setState({
    chats: forget ? without(state.chats, chat.id) : { ...state.chats, [chat.id]: chat },
    claimNotes,
    // Nobody types in an ended chat, and its patron's presence no longer matters.
    ...(ended
      ? { typing: without(state.typing, chat.id), patronPresence: without(state.patronPresence, chat.id) }
      : {}),
  });
  if (chat.status === 'ended' && previous?.status === 'active' && chat.ownerId === me && chat.endedBy === 'patron') {
    state.announce(`${patronLabel(chat)} ended the chat.`);
  }
}

/** A colleague hands me a chat: it shows under Transfers for you, and alerts like a new chat, "transferred from ...". */
function applyTransferOffer(store: StoreApi<ConsoleState>, bridge: DesktopBridge, chat: ChatSummary): void {
  const state = store.getState();
  store.setState({ chats: { ...state.chats, [chat.id]: chat } });
  bridge.alertNewChat(transferAlertFor(chat));
  bridge.chirp();
  state.announce(`${transferNoteOf(chat) ?? 'Transferred'}: ${patronLabel(chat)} in ${chat.departmentName}.`);
}

function applyMessages(
  store: StoreApi<ConsoleState>,
  chatId: string,
  messages: ConsoleState['messages'][string],
): void {
  const state = store.getState();
  const before = state.messages[chatId]?.length ?? 0;
  const latest = messages.at(-1);
  // A message ends its author's typing, even when their "stopped" is still on its way.
  const typistKey = latest?.authorKind === 'patron' ? 'patron' : latest?.authorId;
  const typing = typistKey ? withoutTypist(state.typing, chatId, typistKey) : state.typing;
  // A left patron's chat shows "left" until they write again (then they are clearly back).
  const patronPresence = latest?.authorKind === 'patron' ? without(state.patronPresence, chatId) : state.patronPresence;
  store.setState({ messages: { ...state.messages, [chatId]: messages }, typing, patronPresence });
  // The open chat's message log announces itself; a reply in another of my chats needs a word.
  const chat = state.chats[chatId];
  if (
    latest &&
    messages.length > before &&
    before > 0 &&
    latest.authorKind === 'patron' &&
    chat?.ownerId === state.operator?.id &&
    state.openChatId !== chatId
  ) {
    state.announce(`New message from ${latest.authorName}.`);
  }
}

/**
 * The chat on screen was not caught up by the sync (the connection let go of
 * it: too many chats held, or the server no longer followed it for this
 * console): while it is still open, load it afresh so it stays live.
 */
async function reloadOpenChat(
  connection: OperatorConnection,
  store: StoreApi<ConsoleState>,
  forgotten: readonly string[],
): Promise<void> {
  const { openChatId, chats } = store.getState();
  const open = openChatId ? chats[openChatId] : undefined;
  if (!open || open.status === 'ended' || !forgotten.includes(open.id)) return;
  const ack = await connection.preview(open.id);
  if (!ack.ok) store.setState((state) => ({ actionErrors: { ...state.actionErrors, [open.id]: ack.error.message } }));
}

/** After a (re)connect, fetches what the open staff chat missed while the connection was down. */
async function catchUpStaffChat(connection: OperatorConnection, store: StoreApi<ConsoleState>): Promise<void> {
  const chat = store.getState().staffChat?.chat;
  if (!chat) return;
  // From the last seq with nothing missing below it, so a hole left by a late live message is filled too.
  const afterSeq = contiguousLastSeq(store.getState().staffMessages[chat.id] ?? []);
  // What it brings reaches the store as a 'staff-messages' event, like every staff message.
  await connection.staffHistory(chat.id, afterSeq);
}
