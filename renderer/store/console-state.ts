import type { ConnectionState, FailedMessage, PendingMessage } from '../../src/client/connection-events';
import type {
  ChatSummary,
  Department,
  DesktopSettings,
  DesktopSettingsPatch,
  Message,
  OperatorProfile,
  OperatorStatus,
  PatronField,
  PatronHistoryEntry,
  QuestionType,
  SaveAnalyticsRequest,
  Transcript,
} from '../../src/protocol';
import type { ActivitySlice } from './activity-slice';
import type { CannedSlice } from './canned-slice';
import type { OperatorsSlice } from './operators-slice';
import type { StaffSlice } from './staff-slice';
import type { TransferSlice } from './transfer-slice';

/** The console's whole state: one zustand store made of slices, each with its actions beside it. */
export type ConsoleState = SessionSlice &
  ConnectionSlice &
  ChatsSlice &
  MessagesSlice &
  UiSlice &
  SettingsSlice &
  OperatorsSlice &
  StaffSlice &
  TransferSlice &
  ActivitySlice &
  CannedSlice;

export type SessionPhase = 'checking' | 'logged-out' | 'logging-in' | 'logged-in';

export interface SessionSlice {
  phase: SessionPhase;
  operator: OperatorProfile | null;
  loginError: string | null;
  /**
   * The desktop app only: whether the login is kept (encrypted) for the next
   * start; false when the computer offers no encryption and it lives in memory
   * only. Null in a browser, which keeps its cookie.
   */
  tokenPersisted: boolean | null;
  /**
   * On start: resumes the session the cookie holds (browser) or the saved
   * token names (desktop app), or shows the login form.
   */
  restoreSession(): Promise<void>;
  logIn(username: string, password: string): Promise<void>;
  logOut(): Promise<void>;
}

export interface ConnectionSlice {
  connection: ConnectionState;
  status: OperatorStatus;
  statusError: string | null;
  departments: Department[];
  questionTypes: QuestionType[];
  patronFields: PatronField[];
  /** The last thing that went wrong with the connection itself, for the banner. */
  problem: string | null;
  setStatus(status: OperatorStatus): Promise<void>;
}

export interface ChatsSlice {
  chats: Record<string, ChatSummary>;
  /** Per chat, why this operator cannot claim it any more ("Bob has already claimed this chat."). */
  claimNotes: Record<string, string>;
  /** Chats with a Claim Chat, preview or End Chat on its way. */
  busy: Record<string, 'preview' | 'claim' | 'end'>;
  endedChats: ChatSummary[] | null;
  endedChatsError: string | null;
  transcript: { chatId: string; data: Transcript | null; error: string | null } | null;
  /** Per chat, the same patron's earlier chats (same email or browser), newest first; filled by preview, claim, transcript. */
  patronHistory: Record<string, PatronHistoryEntry[]>;
  /** Fetches a chat's patron history when it is not held yet (the Patron info tab of a chat restored by a sync). */
  loadPatronHistory(chatId: string): Promise<void>;
  previewChat(chatId: string): Promise<void>;
  claimChat(chatId: string): Promise<void>;
  endChat(chatId: string): Promise<void>;
  loadEndedChats(): Promise<void>;
  openTranscript(chatId: string): Promise<void>;
}

export interface MessagesSlice {
  messages: Record<string, readonly Message[]>;
  pending: Record<string, PendingMessage[]>;
  refused: Record<string, FailedMessage[]>;
  sendMessage(chatId: string, body: string): void;
  dismissRefused(messageId: string): void;
}

export type RightView = 'chat' | 'transcript' | 'staff';
export type ChatTab = 'chat' | 'patron-info';
export type LeftTab = 'chats' | 'transcripts';

export interface UiSlice {
  openChatId: string | null;
  rightView: RightView;
  chatTab: ChatTab;
  leftTab: LeftTab;
  /** Errors of the last action per chat (claim, end, ...), shown in the chat pane. */
  actionErrors: Record<string, string>;
  analytics: { chatId: string; saving: boolean; error: string | null } | null;
  /** The latest thing to read out to screen readers (new chats, new messages). */
  announcement: string;
  openChat(chatId: string): void;
  setChatTab(tab: ChatTab): void;
  setLeftTab(tab: LeftTab): void;
  openAnalytics(chatId: string): void;
  closeAnalytics(): void;
  saveAnalytics(request: SaveAnalyticsRequest): Promise<void>;
  announce(text: string): void;
}

export interface SettingsSlice {
  /** The Settings page is showing (instead of the chats, or of the login form). */
  settingsOpen: boolean;
  /** The desktop's settings (in a browser: its sound settings, the rest the defaults); null until loaded. */
  desktopSettings: DesktopSettings | null;
  settingsSaving: boolean;
  /** Why loading or saving failed, in words for the Settings page. */
  settingsError: string | null;
  /** What the last Save did ("Settings saved."), for a polite status line. */
  settingsNotice: string | null;
  loadSettings(): Promise<void>;
  openSettings(): void;
  closeSettings(): void;
  /** Saves a change; resolves true when the desktop (or the browser) accepted it. */
  saveSettings(patch: DesktopSettingsPatch): Promise<boolean>;
}
