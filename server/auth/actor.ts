import type { ActorFacts } from '../../src/domain/chat-lifecycle';
import type { Visibility } from '../chats/chat-repository';
import type { Account } from './account-repository';

/** Supervisors and admins see every department; operators the ones they monitor (and their own chats). */
export function visibilityOf(account: Account): Visibility {
  return {
    allDepartments: account.role !== 'operator',
    departmentIds: account.departmentIds,
    accountId: account.id,
  };
}

/** The account as the domain rules see it. */
export function actorFacts(account: Account): ActorFacts {
  return { id: account.id, role: account.role, departmentIds: account.departmentIds };
}
