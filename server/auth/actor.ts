import { type ActorFacts, watchesEveryDepartment } from '../../src/domain/chat-access';
import type { Account } from './account-repository';

/** The account as the access rules (`src/domain/chat-access.ts`) see it. */
export function actorFacts(account: Account): ActorFacts {
  return { id: account.id, role: account.role, departmentIds: account.departmentIds };
}

/** Which departments' queues an account watches: every one, or the ones it monitors. */
export interface Visibility {
  allDepartments: boolean;
  departmentIds: readonly string[];
  accountId: string;
}

/** The account's departments as the access rules decide them (for the department rooms a socket joins). */
export function visibilityOf(account: Account): Visibility {
  return {
    allDepartments: watchesEveryDepartment(account),
    departmentIds: account.departmentIds,
    accountId: account.id,
  };
}
