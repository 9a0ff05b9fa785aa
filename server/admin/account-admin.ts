import { randomBytes } from 'node:crypto';
import type {
  NewAccountRequest,
  StaffAccount,
  TemporaryPasswordResult,
  UpdateAccountRequest,
} from '../../src/protocol/admin';
import type { Role } from '../../src/protocol/models';
import type { AdminAccountRow } from '../auth/account-repository';
import { hashPassword } from '../auth/passwords';
import type { Repositories } from '../repositories';
import type { AuditActor } from './audit-repository';

/** A change refused by the administration rules: the HTTP status, a code to branch on, the words to show. */
export class AdminRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AdminRefusal';
  }
}

const lastAdmin = () =>
  new AdminRefusal(
    409,
    'LAST_ADMIN',
    'The last active admin cannot be demoted or deactivated; make another admin first.',
  );

/** 16 characters of base64url (96 bits): typed once by a person, then replaced by their own. */
export function newTemporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}

export function toStaffAccount(row: AdminAccountRow): StaffAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    departmentIds: row.departmentIds,
    active: row.active,
    mustChangePassword: row.mustChangePassword,
    status: row.status,
    lastSeenAt: row.lastSeenAt,
    createdAt: row.createdAt,
  };
}

/** What the audit log keeps of an account: never a password or its hash. */
function auditView(account: StaffAccount) {
  return {
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    departmentIds: account.departmentIds,
    active: account.active,
  };
}

/**
 * The rules of staff accounts, over the database only: the Administration
 * API and the `deskbell admin` command line both call these, so the last
 * admin is protected and every change is audited whichever way it came.
 * What a change means for live sockets (logging someone out) is the caller's.
 */
export class AccountAdmin {
  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number,
  ) {}

  async list(): Promise<StaffAccount[]> {
    return (await this.repos.accounts.listWithDetails()).map(toStaffAccount);
  }

  async get(accountId: string): Promise<StaffAccount> {
    const found = (await this.repos.accounts.listWithDetails()).find((row) => row.id === accountId);
    if (!found) throw new AdminRefusal(404, 'NOT_FOUND', 'There is no staff account with that id.');
    return toStaffAccount(found);
  }

  async findByUsername(username: string): Promise<StaffAccount | undefined> {
    const found = (await this.repos.accounts.listWithDetails()).find((row) => row.username === username);
    return found && toStaffAccount(found);
  }

  /** A new account with a temporary password it must change at its first login. */
  async create(
    actor: AuditActor,
    request: Required<NewAccountRequest>,
    password: string = newTemporaryPassword(),
  ): Promise<TemporaryPasswordResult> {
    if (await this.repos.accounts.findIdByUsername(request.username)) {
      throw new AdminRefusal(409, 'USERNAME_TAKEN', `username: "${request.username}" is already taken.`);
    }
    await this.checkDepartments(request.departmentIds);
    const id = await this.repos.accounts.create(
      {
        username: request.username,
        displayName: request.displayName,
        role: request.role,
        passwordHash: await hashPassword(password),
        departmentIds: request.departmentIds,
        mustChangePassword: true,
      },
      this.now(),
    );
    const account = await this.get(id);
    await this.repos.audit.record(
      actor,
      { action: 'account.created', targetKind: 'account', targetId: id, after: auditView(account) },
      this.now(),
    );
    return { account, temporaryPassword: password, setupToken: await this.repos.setupLinks.issue(id, this.now()) };
  }

  async update(actor: AuditActor, accountId: string, changes: UpdateAccountRequest): Promise<StaffAccount> {
    const before = await this.get(accountId);
    if (changes.role !== undefined && changes.role !== 'admin') await this.keepAnAdmin(before);
    if (changes.departmentIds) await this.checkDepartments(changes.departmentIds);
    await this.repos.accounts.update(accountId, {
      ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.departmentIds ? { departmentIds: changes.departmentIds } : {}),
    });
    const after = await this.get(accountId);
    await this.repos.audit.record(
      actor,
      {
        action: 'account.updated',
        targetKind: 'account',
        targetId: accountId,
        before: auditView(before),
        after: auditView(after),
      },
      this.now(),
    );
    return after;
  }

  /** A new temporary password; the person chooses their own at the next login. Sessions are the caller's. */
  async resetPassword(
    actor: AuditActor,
    accountId: string,
    password: string = newTemporaryPassword(),
  ): Promise<TemporaryPasswordResult> {
    await this.get(accountId);
    await this.repos.accounts.setPassword(accountId, await hashPassword(password), true);
    await this.repos.sessions.deleteAllOf(accountId);
    await this.repos.audit.record(
      actor,
      { action: 'account.password-reset', targetKind: 'account', targetId: accountId },
      this.now(),
    );
    return {
      account: await this.get(accountId),
      temporaryPassword: password,
      setupToken: await this.repos.setupLinks.issue(accountId, this.now()),
    };
  }

  /** Cannot log in from now on; every session ends. Their chats and sockets are the caller's to deal with. */
  deactivate(actor: AuditActor, accountId: string): Promise<StaffAccount> {
    return this.setActive(actor, accountId, false);
  }

  reactivate(actor: AuditActor, accountId: string): Promise<StaffAccount> {
    return this.setActive(actor, accountId, true);
  }

  private async setActive(actor: AuditActor, accountId: string, active: boolean): Promise<StaffAccount> {
    const before = await this.get(accountId);
    if (before.active === active) return before;
    if (!active) await this.keepAnAdmin(before);
    await this.repos.accounts.setActive(accountId, active);
    if (!active) {
      await this.repos.sessions.deleteAllOf(accountId);
      await this.repos.setupLinks.revokeAll(accountId);
    }
    const after = await this.get(accountId);
    await this.repos.audit.record(
      actor,
      {
        action: active ? 'account.reactivated' : 'account.deactivated',
        targetKind: 'account',
        targetId: accountId,
        before: auditView(before),
        after: auditView(after),
      },
      this.now(),
    );
    return after;
  }

  /** The account's own change of display name (audited like an admin's). */
  async renameSelf(accountId: string, displayName: string): Promise<StaffAccount> {
    const before = await this.get(accountId);
    await this.repos.accounts.update(accountId, { displayName });
    const after = await this.get(accountId);
    await this.repos.audit.record(
      { id: accountId, name: before.displayName },
      {
        action: 'account.renamed-self',
        targetKind: 'account',
        targetId: accountId,
        before: { displayName: before.displayName },
        after: { displayName },
      },
      this.now(),
    );
    return after;
  }

  /** The account's own new password; `keepSession` is the session that asked, every other one ends. */
  /**
   * A set-up link was opened: the person's own password from now on, every older session ended.
   * The link itself is used up by the caller (one conditional delete) before this runs.
   */
  async setUpWithLink(accountId: string, password: string): Promise<void> {
    const account = await this.get(accountId);
    if (!account.active) throw new AdminRefusal(403, 'UNAUTHORIZED', 'This account is deactivated.');
    await this.repos.accounts.setPassword(accountId, await hashPassword(password), false);
    await this.repos.sessions.deleteAllOf(accountId);
    await this.repos.audit.record(
      { id: accountId, name: account.displayName },
      { action: 'account.set-up-with-link', targetKind: 'account', targetId: accountId },
      this.now(),
    );
  }

  async changeOwnPassword(accountId: string, newPassword: string, keepSession: string | undefined): Promise<void> {
    const account = await this.get(accountId);
    await this.repos.accounts.setPassword(accountId, await hashPassword(newPassword), false);
    await this.repos.sessions.deleteAllOf(accountId, keepSession);
    // Their own password now: a set-up link still around would set another.
    await this.repos.setupLinks.revokeAll(accountId);
    await this.repos.audit.record(
      { id: accountId, name: account.displayName },
      { action: 'account.password-changed', targetKind: 'account', targetId: accountId },
      this.now(),
    );
  }

  /** Refuses a change that would leave the desk with no active admin. */
  private async keepAnAdmin(account: { role: Role; active: boolean }): Promise<void> {
    if (account.role === 'admin' && account.active && (await this.repos.accounts.countActiveAdmins()) <= 1) {
      throw lastAdmin();
    }
  }

  private async checkDepartments(ids: readonly string[]): Promise<void> {
    const known = new Set((await this.repos.departments.list()).map((department) => department.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown !== undefined) {
      throw new AdminRefusal(400, 'BAD_REQUEST', `departmentIds: there is no department with the id "${unknown}".`);
    }
  }
}
