import type { ActivitySlice } from './activity-types';
import type { AdminSlice } from './admin-types';
import type { CannedSlice } from './canned-types';
import type { ChatsSlice } from './chats-types';
import type { ConnectionSlice } from './connection-types';
import type { DeskSlice } from './desk-types';
import type { LeaveSlice } from './leave-types';
import type { MessagesSlice } from './messages-types';
import type { OperatorsSlice } from './operators-types';
import type { ReportsSlice } from './reports-types';
import type { ScreenshareSlice } from './screenshare-types';
import type { SessionSlice } from './session-types';
import type { SettingsSlice } from './settings-types';
import type { StaffSlice } from './staff-types';
import type { SuperviseSlice } from './supervise-types';
import type { TransferSlice } from './transfer-types';
import type { TranscriptSearchSlice } from './transcript-search-types';
import type { UiSlice } from './ui-types';
import type { UnreadSlice } from './unread-types';

/** The console's tabs, for the features that switch them. */
export type { ChatTab, LeftTab } from './ui-types';

/**
 * The console's whole state: one zustand store made of slices, each with its
 * actions beside it. Each slice's type lives in its own `<slice>-types.ts`
 * beside the slice, so this file imports no slice and no slice imports back.
 */
export type ConsoleState = SessionSlice &
  TranscriptSearchSlice &
  ConnectionSlice &
  ChatsSlice &
  MessagesSlice &
  UiSlice &
  SettingsSlice &
  OperatorsSlice &
  StaffSlice &
  TransferSlice &
  SuperviseSlice &
  ActivitySlice &
  CannedSlice &
  LeaveSlice &
  UnreadSlice &
  ScreenshareSlice &
  AdminSlice &
  DeskSlice &
  ReportsSlice;
