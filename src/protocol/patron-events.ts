import type { AckCallback } from './ack';
import type { Department, Message, PatronChatView, PatronField } from './models';
import type { PatronSendRequest, ResumeChatRequest, StartChatRequest, WidgetConfigRequest } from './requests';

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
}

export interface PatronClientEvents {
  'widget:config': (request: WidgetConfigRequest, ack: AckCallback<WidgetConfig>) => void;
  'chat:start': (request: StartChatRequest, ack: AckCallback<PatronChatState & { resumeToken: string }>) => void;
  'chat:resume': (request: ResumeChatRequest, ack: AckCallback<PatronChatState>) => void;
  'chat:send': (request: PatronSendRequest, ack: AckCallback<{ message: Message }>) => void;
  /** The patron ends the chat from the widget. */
  'chat:leave': (request: Record<string, never>, ack: AckCallback<{ chat: PatronChatView }>) => void;
}

export interface PatronServerEvents {
  'chat:message': (message: Message) => void;
  /** The chat was claimed or ended. */
  'chat:status': (chat: PatronChatView) => void;
}
