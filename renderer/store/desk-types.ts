import type { DeskDepartment, DeskOverview, FollowUp, OperatorStatus, StaffNote } from '../../src/protocol';

/**
 * The supervisor's Desk view (supervisors and admins): the overview of every
 * department (hours, coverage, the dark-desk alarm) and the open follow-ups,
 * the alarms raised while the console is open, and each chat's staff-only
 * notes (whispers, supervisors watching, a follow-up left).
 */
export interface DeskSlice {
  /** The Desk view is showing (unless another page is open over it). */
  deskOpen: boolean;
  deskOverview: DeskOverview | null;
  deskError: string | null;
  /** Dark-desk alarms standing and not dismissed, newest last (a reload finds them again in the overview). */
  deskAlarms: DeskDepartment[];
  /** Alarms dismissed, by department: the dark spell's start, so a new spell shows again. */
  deskAlarmsDismissed: Record<string, number | null>;
  /** Staff-only notes per chat, oldest first; loaded when a chat is opened, kept live by `chat:staff-note`. */
  staffNotes: Record<string, StaffNote[]>;
  /** The last refusal of a Desk action (whisper, a colleague's status), in the server's words. */
  deskActionError: string | null;
  openDesk(): void;
  closeDesk(): void;
  refreshDesk(): Promise<void>;
  /** Opens the chat read-only in the chat pane, following it live; its operators see that a supervisor watches. */
  watchChat(chatId: string): Promise<void>;
  /** True when the whisper was stored. */
  whisper(chatId: string, body: string): Promise<boolean>;
  loadStaffNotes(chatId: string): Promise<void>;
  setColleagueStatus(operatorId: string, status: OperatorStatus): Promise<void>;
  markFollowUpAnswered(followUpId: string): Promise<void>;
  dismissDeskAlarm(departmentId: string): void;
  /** From the connection: */
  deskAlarmHeard(department: DeskDepartment, raised: boolean): void;
  staffNoteHeard(note: StaffNote): void;
  followUpHeard(followUp: FollowUp): void;
}
