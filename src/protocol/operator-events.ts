import type { AckCallback } from './ack';
import type {
  AnalyticsEntry,
  ChatSummary,
  Department,
  Message,
  OperatorProfile,
  OperatorStatus,
  PatronField,
  QuestionType,
} from './models';
import type {
  ChatRef,
  EndedChatsRequest,
  OperatorSendRequest,
  SaveAnalyticsRequest,
  SetStatusRequest,
  SyncRequest,
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
}

export interface ChatWithMessages {
  chat: ChatSummary;
  messages: Message[];
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
}

export interface OperatorServerEvents {
  /** A patron started a chat in a department this operator monitors. */
  'chat:new': (chat: ChatSummary) => void;
  /** A chat changed: claimed (by whom), ended, analytics saved. */
  'chat:updated': (chat: ChatSummary) => void;
  'chat:message': (message: Message) => void;
  /** This account's status changed (from another window, or by the server). */
  'status:changed': (payload: { status: OperatorStatus }) => void;
}
