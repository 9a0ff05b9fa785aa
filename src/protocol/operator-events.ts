import type { AckCallback } from './ack';
import type {
  AnalyticsEntry,
  CannedMessage,
  ChatSummary,
  Department,
  Message,
  OperatorPresence,
  OperatorProfile,
  OperatorStatus,
  PatronField,
  PatronHistoryEntry,
  QuestionType,
  StaffChat,
  StaffMessage,
  StaffRef,
} from './models';
import type {
  CannedRef,
  CannedSaveRequest,
  ChatRef,
  EndedChatsRequest,
  OperatorSendRequest,
  OperatorTypingRequest,
  SaveAnalyticsRequest,
  SetStatusRequest,
  StaffHistoryRequest,
  StaffListRequest,
  StaffOpenRequest,
  StaffSendRequest,
  SyncRequest,
  TransferRequest,
} from './requests';

/** The `/operator` namespace: staff consoles (browser or desktop). */
export const OPERATOR_NAMESPACE = '/operator';

export interface SyncResult {
  me: OperatorProfile;
  status: OperatorStatus;
  departments: Department[];
  questionTypes: QuestionType[];
  patronFields: PatronField[];
  /** Waiting and active chats this operator may see, and their own ended chats still missing analytics. */
  chats: ChatSummary[];
  /** Messages after the client's last sequence number, for every chat it listed or owns. */
  missed: Message[];
  /**
   * Chats the client listed that this sync did not catch up: ended, gone, no
   * longer visible to this account, or past MAX_SYNCED_CHATS. The client
   * forgets their messages and loads them afresh if it opens them again.
   */
  unsynced?: string[];
  /** The Operators list: every staff account with the server's view of its presence. */
  operators?: OperatorPresence[];
}

export interface ChatWithMessages {
  chat: ChatSummary;
  messages: Message[];
  /** The same patron's earlier chats (same email or same browser), newest first; in preview and transcript. */
  patronHistory?: PatronHistoryEntry[];
}

export interface StaffChatWithMessages {
  staffChat: StaffChat;
  messages: StaffMessage[];
}

/** Someone is typing in a chat (never what they type). */
export interface TypingNotice {
  chatId: string;
  typing: boolean;
  authorKind: 'patron' | 'operator';
  /** The operator's display name, or the patron's name (or "Patron"). */
  name: string;
  /** The operator's id; null for the patron. */
  operatorId: string | null;
}

/** A colleague offers you a chat: the chat (its `transfer` has who from and the briefing). */
export interface TransferOffer {
  chat: ChatSummary;
}

/** Your transfer came back: nobody accepted it in time, or the colleague declined it. */
export interface TransferReturned {
  chat: ChatSummary;
  /** The colleague who declined; absent when the waiting time ran out. */
  declinedBy?: StaffRef;
}

/** The patron's widget lost its connection ('away'), came back ('back'), or stayed away too long ('left'). */
export interface PatronPresenceNotice {
  chatId: string;
  state: 'away' | 'back' | 'left';
  at: number;
}

export interface Transcript extends ChatWithMessages {
  analytics: AnalyticsEntry | null;
}

export interface OperatorClientEvents {
  'console:sync': (request: SyncRequest, ack: AckCallback<SyncResult>) => void;
  'status:set': (request: SetStatusRequest, ack: AckCallback<{ status: OperatorStatus }>) => void;
  'chat:preview': (request: ChatRef, ack: AckCallback<ChatWithMessages>) => void;
  'chat:claim': (request: ChatRef, ack: AckCallback<ChatWithMessages>) => void;
  'chat:send': (request: OperatorSendRequest, ack: AckCallback<{ message: Message }>) => void;
  'chat:end': (request: ChatRef, ack: AckCallback<{ chat: ChatSummary }>) => void;
  'chat:save-analytics': (request: SaveAnalyticsRequest, ack: AckCallback<{ entry: AnalyticsEntry }>) => void;
  'chat:transcript': (request: ChatRef, ack: AckCallback<Transcript>) => void;
  'chats:ended': (request: EndedChatsRequest, ack: AckCallback<{ chats: ChatSummary[] }>) => void;
  /** Transfer to a colleague (pending until they accept) or to a department's queue. */
  'chat:transfer': (request: TransferRequest, ack: AckCallback<{ chat: ChatSummary }>) => void;
  /** The colleague a chat was transferred to takes it (department transfers are taken with chat:claim too). */
  'chat:accept-transfer': (request: ChatRef, ack: AckCallback<ChatWithMessages>) => void;
  /** The colleague a chat was transferred to says no: it stays with the operator who offered it. */
  'chat:decline-transfer': (request: ChatRef, ack: AckCallback<{ chat: ChatSummary }>) => void;
  /** A participant (not the owner) leaves a group chat. */
  'chat:leave': (request: ChatRef, ack: AckCallback<{ chat: ChatSummary }>) => void;
  /** Typing on/off, relayed to the patron and the other operators in the chat; never stored. */
  'chat:typing': (request: OperatorTypingRequest, ack: AckCallback<{ relayed: boolean }>) => void;
  /** The Operators list, now. */
  'operators:list': (request: Record<string, never>, ack: AckCallback<{ operators: OperatorPresence[] }>) => void;
  /** The staff chat with a colleague (made on first use) and its whole history. */
  'staff:open': (request: StaffOpenRequest, ack: AckCallback<StaffChatWithMessages>) => void;
  'staff:send': (request: StaffSendRequest, ack: AckCallback<{ message: StaffMessage }>) => void;
  /** Your staff chats; with `all`, every staff chat (supervisors and admins). */
  'staff:list': (request: StaffListRequest, ack: AckCallback<{ staffChats: StaffChat[] }>) => void;
  /** A staff chat's messages after a sequence number: its two members, supervisors and admins. */
  'staff:history': (request: StaffHistoryRequest, ack: AckCallback<StaffChatWithMessages>) => void;
  /** Your personal canned messages and the shared ones of the departments you see. */
  'canned:list': (request: Record<string, never>, ack: AckCallback<{ canned: CannedMessage[] }>) => void;
  'canned:save': (request: CannedSaveRequest, ack: AckCallback<{ canned: CannedMessage }>) => void;
  'canned:delete': (request: CannedRef, ack: AckCallback<{ id: string }>) => void;
}

export interface OperatorServerEvents {
  /** A patron started a chat in a department this operator monitors. */
  'chat:new': (chat: ChatSummary) => void;
  /** A chat changed: claimed (by whom), ended, analytics saved. */
  'chat:updated': (chat: ChatSummary) => void;
  'chat:message': (message: Message) => void;
  /** This account's status changed (from another window, or by the server). */
  'status:changed': (payload: { status: OperatorStatus }) => void;
  /** A colleague's presence changed (status, connection, or Offline after the grace period). */
  'operators:presence': (operator: OperatorPresence) => void;
  /** A colleague transferred a chat to you: accept it with chat:accept-transfer. */
  'chat:transfer-offered': (offer: TransferOffer) => void;
  /** Nobody accepted your transfer in time, or the colleague declined it (`declinedBy`): the chat is yours again. */
  'chat:transfer-returned': (payload: TransferReturned) => void;
  /** Someone in a chat you follow is typing, or stopped. */
  'chat:typing': (notice: TypingNotice) => void;
  /** The patron of a chat you follow lost their connection, came back, or left. */
  'chat:patron-presence': (notice: PatronPresenceNotice) => void;
  /** A message in one of your staff chats (or any, for supervisors who opened it). */
  'staff:message': (message: StaffMessage) => void;
}
