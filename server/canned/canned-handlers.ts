import { canSeeDepartment } from '../../src/domain/chat-access';
import { DeskbellError } from '../../src/protocol/ack';
import type { CannedMessage } from '../../src/protocol/models';
import type { OperatorRequests } from '../../src/protocol/operator-contract';
import type { Account } from '../auth/account-repository';
import { actorFacts } from '../auth/actor';
import type { DeskbellContext } from '../context';
import type { EventHandlers } from '../sockets/serve-events';

type CannedEvents = 'canned:list' | 'canned:save' | 'canned:delete';

/** Who may change a canned message: its owner for personal ones, admins for a department's shared ones. */
function assertCanManage(account: Account, canned: Pick<CannedMessage, 'scope' | 'ownerId'>): void {
  if (canned.scope === 'department') {
    if (account.role !== 'admin') {
      throw new DeskbellError('FORBIDDEN', "Only admins manage a department's shared canned messages.");
    }
    return;
  }
  if (canned.ownerId !== account.id)
    throw new DeskbellError('FORBIDDEN', "That is a colleague's personal canned message.");
}

/** Canned messages: the picker's list, and saving or deleting them with the permissions above. */
export function cannedHandlers(
  ctx: DeskbellContext,
  account: Account,
): Pick<EventHandlers<OperatorRequests>, CannedEvents> {
  const departmentsSeen = async (): Promise<string[]> => {
    const actor = actorFacts(account);
    const all = await ctx.repos.departments.list();
    return all.map((department) => department.id).filter((id) => canSeeDepartment(actor, id));
  };

  const findOwn = async (id: string): Promise<CannedMessage> => {
    const canned = await ctx.repos.canned.find(id);
    if (!canned) throw new DeskbellError('NOT_FOUND', 'There is no canned message with that id.');
    assertCanManage(account, canned);
    return canned;
  };

  /** One /shortcut per list (an operator's own, a department's shared), so `/` always means one message. */
  const assertShortcutFree = async (
    shortcut: string,
    scope: { ownerId: string | null; departmentId: string | null },
    exceptId?: string,
  ): Promise<void> => {
    const ownerId = scope.ownerId ?? '';
    const listed = await ctx.repos.canned.listFor(ownerId, scope.departmentId ? [scope.departmentId] : []);
    const clash = listed.find(
      (canned) =>
        canned.id !== exceptId &&
        canned.ownerId === scope.ownerId &&
        canned.departmentId === scope.departmentId &&
        canned.shortcut.toLowerCase() === shortcut.toLowerCase(),
    );
    if (clash) {
      const whose = scope.departmentId ? "the department's shared ones" : 'your canned messages';
      throw new DeskbellError(
        'SHORTCUT_TAKEN',
        `/${clash.shortcut} is already one of ${whose}; pick another shortcut.`,
      );
    }
  };

  return {
    'canned:list': async () => {
      return { canned: await ctx.repos.canned.listFor(account.id, await departmentsSeen()) };
    },

    'canned:save': async (request) => {
      const content = { shortcut: request.shortcut, body: request.body };
      if (request.id) {
        const existing = await findOwn(request.id);
        const sameScope =
          request.scope.kind === existing.scope &&
          (request.scope.kind === 'personal' || request.scope.departmentId === existing.departmentId);
        if (!sameScope)
          throw new DeskbellError('BAD_REQUEST', 'canned:save: scope: a saved canned message keeps its scope');
        await assertShortcutFree(request.shortcut, existing, existing.id);
        return { canned: await ctx.repos.canned.update(existing.id, content, ctx.now()) };
      }
      if (request.scope.kind === 'personal') {
        await assertShortcutFree(request.shortcut, { ownerId: account.id, departmentId: null });
        return {
          canned: await ctx.repos.canned.create({ ...content, ownerId: account.id, departmentId: null }, ctx.now()),
        };
      }
      assertCanManage(account, { scope: 'department', ownerId: null });
      const department = await ctx.repos.departments.find(request.scope.departmentId);
      if (!department) {
        throw new DeskbellError('DEPARTMENT_NOT_FOUND', `There is no chat department "${request.scope.departmentId}".`);
      }
      await assertShortcutFree(request.shortcut, { ownerId: null, departmentId: department.id });
      return {
        canned: await ctx.repos.canned.create({ ...content, ownerId: null, departmentId: department.id }, ctx.now()),
      };
    },

    'canned:delete': async ({ id }) => {
      await findOwn(id);
      await ctx.repos.canned.delete(id);
      return { id };
    },
  };
}
