import type { AckCallback } from './ack';
import type { Department, Message, PatronChatView, PatronField } from './models';
import type {
  PatronSendRequest,
  PatronTypingRequest,
  ResumeChatRequest,
  StartChatRequest,
  WidgetConfigRequest,
} from './requests';

/** The `/patron` namespace: the chat widget on the library's web site. */
export const PATRON_NAMESPACE = '/patron';

export interface WidgetConfig {
  department: Department;
  /** True when at least one operator monitoring the department is Online. */
  online: boolean;
  patronFields: PatronField[];
}

export interface PatronChatState {
  chat: PatronChatView;
  messages: Message[];
  /** While the chat waits: its place in the department's queue (1 is next); null once claimed or ended. */
  queuePosition?: number | null;
}

/** Where a waiting chat stands in its queue. */
export interface QueuePosition {
  chatId: string;
  /** 1 is next; null once the chat is no longer waiting. */
  position: number | null;
}

/** The librarian is typing, or stopped. */
export interface PatronTypingNotice {
  chatId: string;
  typing: boolean;
  /** The operator's display name. */
  name: string;
}

export interface PatronClientEvents {
  'widget:config': (request: WidgetConfigRequest, ack: AckCallback<WidgetConfig>) => void;
  'chat:start': (request: StartChatRequest, ack: AckCallback<PatronChatState & { resumeToken: string }>) => void;
  'chat:resume': (request: ResumeChatRequest, ack: AckCallback<PatronChatState>) => void;
  'chat:send': (request: PatronSendRequest, ack: AckCallback<{ message: Message }>) => void;
  /** The patron ends the chat from the widget. */
  'chat:leave': (request: Record<string, never>, ack: AckCallback<{ chat: PatronChatView }>) => void;
  /** Typing on/off, relayed to the operators in the chat; never stored. */
  'chat:typing': (request: PatronTypingRequest, ack: AckCallback<{ relayed: boolean }>) => void;
}

export interface PatronServerEvents {
  'chat:message': (message: Message) => void;
  /** The chat was claimed or ended. */
  'chat:status': (chat: PatronChatView) => void;
  /** The chat's place in the queue changed while it waits. */
  'queue:position': (position: QueuePosition) => void;
  'chat:typing': (notice: PatronTypingNotice) => void;
}
