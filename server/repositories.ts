import type { Kysely } from 'kysely';
import { AuditRepository } from './admin/audit-repository';
import { AccountRepository } from './auth/account-repository';
import { SessionRepository } from './auth/session-repository';
import { SetupLinks } from './auth/setup-links';
import { AnalyticsRepository } from './chats/analytics-repository';
import { CannedMessageRepository } from './canned/canned-message-repository';
import { ChatRepository } from './chats/chat-repository';
import { ChatTransitions } from './chats/chat-transitions';
import { QueueRepository } from './chats/queue-repository';
import { LifecycleRepository } from './chats/lifecycle-repository';
import { PatronHistoryRepository } from './patrons/patron-history-repository';
import { StaffChatRepository } from './staff/staff-chat-repository';
import { MessageStore } from './chats/message-store';
import { DepartmentRepository } from './departments/department-repository';
import { ReadMarkRepository } from './reads/read-mark-repository';
import { ScreenshareRepository } from './screenshare/screenshare-repository';
import { DeskWatchRepository } from './desk/desk-watch-repository';
import { FollowUpRepository } from './desk/follow-up-repository';
import { SchedulerLeases } from './desk/scheduler-lease';
import { StaffNoteRepository } from './desk/staff-note-repository';
import { ReportRepository } from './reports/report-repository';
import type { DeskbellTables } from './storage/schema';

/** Every repository over one database. */
export interface Repositories {
  accounts: AccountRepository;
  sessions: SessionRepository;
  departments: DepartmentRepository;
  chats: ChatRepository;
  messages: MessageStore;
  analytics: AnalyticsRepository;
  transitions: ChatTransitions;
  staffChats: StaffChatRepository;
  canned: CannedMessageRepository;
  patronHistory: PatronHistoryRepository;
  queue: QueueRepository;
  lifecycle: LifecycleRepository;
  readMarks: ReadMarkRepository;
  screenshares: ScreenshareRepository;
  audit: AuditRepository;
  deskWatch: DeskWatchRepository;
  leases: SchedulerLeases;
  staffNotes: StaffNoteRepository;
  followUps: FollowUpRepository;
  setupLinks: SetupLinks;
  reports: ReportRepository;
}

export function createRepositories(db: Kysely<DeskbellTables>): Repositories {
  const chats = new ChatRepository(db);
  return {
    accounts: new AccountRepository(db),
    sessions: new SessionRepository(db),
    departments: new DepartmentRepository(db),
    chats,
    messages: new MessageStore(db),
    analytics: new AnalyticsRepository(db),
    transitions: new ChatTransitions(db),
    staffChats: new StaffChatRepository(db),
    canned: new CannedMessageRepository(db),
    patronHistory: new PatronHistoryRepository(db),
    queue: new QueueRepository(db),
    lifecycle: new LifecycleRepository(db),
    readMarks: new ReadMarkRepository(db),
    screenshares: new ScreenshareRepository(db),
    audit: new AuditRepository(db),
    deskWatch: new DeskWatchRepository(db),
    leases: new SchedulerLeases(db),
    staffNotes: new StaffNoteRepository(db),
    followUps: new FollowUpRepository(db),
    setupLinks: new SetupLinks(db),
    reports: new ReportRepository(db),
  };
}
