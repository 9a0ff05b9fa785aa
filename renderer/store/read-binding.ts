import type { StoreApi } from 'zustand';
import type { OperatorConnection } from '../../src/client/operator-connection';
import type { DesktopBridge, MessageAlert, ReadMark, SyncResult } from '../../src/protocol';
import type { ConsoleState } from './console-state';
import { firstWords } from './new-chat-alert';
import { patronLabel } from '../../src/domain/patron-label';
import { countsAsMine, countsForLibrarian, newestSeq, selectReading } from './unread-selectors';

type Target = Omit<ReadMark, 'seq'>;
const keyOf = (target: Target) => `${target.kind}:${target.id}`;

/**
 * Unread messages, end to end, for one connection:
 * - the server's read marks arrive with every sync and from the account's
 *   other windows (`reads:marked`); after a sync the console asks for its
 *   staff chats and fetches what came after each mark, so the counts survive a reload;
 * - what the librarian is reading (on screen, console visible and focused) is
 *   marked read up to its newest message, here and on the server, once per
 *   newer message (so at most one request per message that arrives on screen);
 * - a new message from the other side in a chat that is not being read plays
 *   the message sound and, while the console is hidden or unfocused, raises a
 *   notification (or, where the browser blocks them, an in-page alert).
 * Returns the function that undoes it.
 */
export function bindReads(
  connection: OperatorConnection,
  store: StoreApi<ConsoleState>,
  bridge: DesktopBridge,
): () => void {
  /** Per chat, the newest seq already alerted or known at first sight: history never alerts. */
  const alerted = new Map<string, number>();
  /** The mark last sent per chat, so a burst of store changes sends it once. */
  const sent = new Map<string, number>();

  const stopEvents = connection.subscribe((event) => {
    switch (event.type) {
      case 'synced':
        return void afterSync(event.result);
      case 'read-mark':
        store.getState().applyReadMark(event.mark);
        return clearAlertsIfRead(event.mark);
      case 'messages':
        return patronMessages(event.chatId);
      case 'staff-messages':
        return staffMessages(event.staffChatId, event.live === true);
      default:
        return;
    }
  });

  const afterSync = async (result: SyncResult) => {
    const state = store.getState();
    for (const mark of result.readMarks ?? []) state.applyReadMark(mark);
    const me = state.operator?.id;
    const ack = await connection.listStaffChats(false);
    if (!ack.ok) return;
    const peers = { ...store.getState().staffPeers };
    for (const chat of ack.data.staffChats) {
      const colleague = chat.members.find((member) => member.id !== me);
      if (colleague) peers[chat.id] = colleague;
      // What is already there when the console (re)connects is counted, not alerted.
      const key = keyOf({ kind: 'staff', id: chat.id });
      alerted.set(key, Math.max(alerted.get(key) ?? 0, chat.lastSeq));
    }
    store.setState({ staffPeers: peers });
    // What came after each mark (the unread ones), and at least the newest message (the row's last words).
    const marks = store.getState().readMarks.staff;
    await Promise.all(
      ack.data.staffChats
        .filter((chat) => chat.lastSeq > newestSeq(store.getState(), { kind: 'staff', id: chat.id }))
        .map((chat) => connection.staffHistory(chat.id, Math.min(marks[chat.id] ?? 0, chat.lastSeq - 1))),
    );
  };

  const patronMessages = (chatId: string) => {
    const state = store.getState();
    const target: Target = { kind: 'chat', id: chatId };
    const messages = state.messages[chatId] ?? [];
    const floor = alerted.get(keyOf(target));
    const newest = messages.at(-1)?.seq ?? 0;
    alerted.set(keyOf(target), Math.max(floor ?? 0, newest));
    if (floor === undefined) return;
    const fresh = messages.filter((message) => message.seq > floor && countsForLibrarian(message));
    const latest = fresh.at(-1);
    const chat = state.chats[chatId];
    if (!latest || !chat || !countsAsMine(state, 'chat', chatId)) return;
    raise({ kind: 'chat', id: chatId, from: patronLabel(chat), preview: latest.body });
  };

  const staffMessages = (staffChatId: string, live: boolean) => {
    const state = store.getState();
    const me = state.operator?.id;
    const target: Target = { kind: 'staff', id: staffChatId };
    const messages = state.staffMessages[staffChatId] ?? [];
    const fromColleague = messages.filter((message) => message.authorId !== me);
    const colleague = fromColleague.at(-1);
    // A staff chat a colleague opened with me: the Operators list now knows whom it is with.
    if (colleague && !state.staffPeers[staffChatId]) {
      store.setState({
        staffPeers: { ...state.staffPeers, [staffChatId]: { id: colleague.authorId, name: colleague.authorName } },
      });
    }
    const floor = alerted.get(keyOf(target)) ?? 0;
    alerted.set(keyOf(target), Math.max(floor, messages.at(-1)?.seq ?? 0));
    if (!live) return;
    const latest = fromColleague.filter((message) => message.seq > floor).at(-1);
    if (!latest) return;
    raise({ kind: 'staff', id: staffChatId, from: latest.authorName, preview: latest.body });
  };

  /** Sound, and a notification while the console is not looked at; nothing for the chat being read. */
  const raise = (alert: Omit<MessageAlert, 'notify' | 'kind'> & { kind: ReadMark['kind'] }) => {
    const state = store.getState();
    const reading = selectReading(state);
    if (reading && reading.kind === alert.kind && reading.id === alert.id) return;
    const notify = !state.attending;
    const preview = firstWords(alert.preview, 140);
    bridge.alertNewMessage({ ...alert, preview, notify });
    if (notify && state.alertPermission !== 'granted') {
      // The browser will not show it: the console's own alert, in the page, waits for their return.
      const pageAlert = { id: alert.id, kind: alert.kind, from: alert.from, preview };
      store.setState({ pageAlerts: [...state.pageAlerts.filter((shown) => shown.id !== alert.id), pageAlert] });
    }
  };

  const clearAlertsIfRead = (mark: ReadMark) => {
    if (newestSeq(store.getState(), mark) > mark.seq) return;
    bridge.clearChatAlert(mark.id);
    store.getState().dismissPageAlert(mark.id);
  };

  /** What is on screen in a console that is looked at counts as read, up to its newest message. */
  const markWhatIsRead = (state: ConsoleState) => {
    const staff = state.staffChat;
    if (staff?.chat && !staff.review && staff.operatorId && !state.staffPeers[staff.chat.id]) {
      store.setState({
        staffPeers: { ...state.staffPeers, [staff.chat.id]: { id: staff.operatorId, name: staff.name } },
      });
      return;
    }
    const reading = selectReading(state);
    if (!reading) return;
    const seq = newestSeq(state, reading);
    const key = keyOf(reading);
    if (seq <= (state.readMarks[reading.kind][reading.id] ?? 0) || sent.get(key) === seq) return;
    sent.set(key, seq);
    // Counted as read once the server has it: a mark lost offline is sent again on the next look.
    void connection.markRead({ ...reading, seq }).then((ack) => {
      if (ack.ok) {
        store.getState().applyReadMark(ack.data);
        clearAlertsIfRead(ack.data);
      } else if (sent.get(key) === seq) sent.delete(key);
    });
  };
  const stopStore = store.subscribe(markWhatIsRead);

  return () => {
    stopEvents();
    stopStore();
  };
}
