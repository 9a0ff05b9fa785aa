import type { Kysely } from 'kysely';
import { AccountRepository } from './auth/account-repository';
import { SessionRepository } from './auth/session-repository';
import { AnalyticsRepository } from './chats/analytics-repository';
import { ChatRepository } from './chats/chat-repository';
import { MessageStore } from './chats/message-store';
import { DepartmentRepository } from './departments/department-repository';
import type { DeskbellTables } from './storage/schema';

/** Every repository over one database. */
export interface Repositories {
  accounts: AccountRepository;
  sessions: SessionRepository;
  departments: DepartmentRepository;
  chats: ChatRepository;
  messages: MessageStore;
  analytics: AnalyticsRepository;
}

export function createRepositories(db: Kysely<DeskbellTables>): Repositories {
  return {
    accounts: new AccountRepository(db),
    sessions: new SessionRepository(db),
    departments: new DepartmentRepository(db),
    chats: new ChatRepository(db),
    messages: new MessageStore(db),
    analytics: new AnalyticsRepository(db),
  };
}
