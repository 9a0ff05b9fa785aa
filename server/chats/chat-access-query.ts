import { type Expression, type SqlBool, expressionBuilder, sql } from 'kysely';
import { type ActorFacts, watchesEveryDepartment } from '../../src/domain/chat-access';
import type { DeskbellTables } from '../storage/schema';

/**
 * The access rules of `src/domain/chat-access.ts` written as conditions for
 * queries over `chats`, clause for clause, so a list shows exactly the chats
 * the predicate allows. `tests/integration/chat-access-sql.test.ts` runs both
 * over the same chats and accounts on SQLite and PostgreSQL; change them together.
 */

const eb = () => expressionBuilder<DeskbellTables, 'chats'>();

/** `isMember`: the chat's owner, or one of its participants who has not left. */
export function memberIs(accountId: string): Expression<SqlBool> {
  const q = eb();
  return q.or([
    q('chats.owner_id', '=', accountId),
    q.exists(
      q
        .selectFrom('chat_participants')
        .select('chat_participants.chat_id')
        .whereRef('chat_participants.chat_id', '=', 'chats.id')
        .where('chat_participants.account_id', '=', accountId)
        .where('chat_participants.left_at', 'is', null),
    ),
  ]);
}

/** `isTransferEnd`: who sent the chat's pending transfer, or the colleague it is offered to. */
function transferEndIs(accountId: string): Expression<SqlBool> {
  const q = eb();
  return q.exists(
    q
      .selectFrom('chat_transfers')
      .select('chat_transfers.chat_id')
      .whereRef('chat_transfers.chat_id', '=', 'chats.id')
      .where((t) =>
        t.or([
          t('chat_transfers.from_id', '=', accountId),
          t.and([t('chat_transfers.to_kind', '=', 'operator'), t('chat_transfers.to_id', '=', accountId)]),
        ]),
      ),
  );
}

/** `may('see', chat, actor)`: the chats the actor stands in, and those of every department it watches. */
export function visibleTo(actor: ActorFacts): Expression<SqlBool> {
  if (watchesEveryDepartment(actor)) return sql<SqlBool>`1 = 1`;
  const q = eb();
  const standsIn = [memberIs(actor.id), transferEndIs(actor.id)];
  // `IN ()` is not valid SQL, so an account monitoring nothing sees only the chats it stands in.
  if (actor.departmentIds.length === 0) return q.or(standsIn);
  return q.or([
    q('chats.department_id', 'in', [...actor.departmentIds]),
    // A waiting chat past T2 of its ladder is seen by its backup department too.
    q.and([q('chats.status', '=', 'waiting'), q('chats.backup_department_id', 'in', [...actor.departmentIds])]),
    ...standsIn,
  ]);
}

/** `assertPatronMayWrite`: a patron (or the system, for the patron's chat) writes until the chat has ended. */
export function openForPatron(): Expression<SqlBool> {
  return eb()('chats.status', '!=', 'ended');
}

/** `may('write', chat, actor)`: the active chats the account is a member of. */
export function writableBy(accountId: string): Expression<SqlBool> {
  const q = eb();
  return q.and([q('chats.status', '=', 'active'), memberIs(accountId)]);
}
