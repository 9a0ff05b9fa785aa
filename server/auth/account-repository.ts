import { LOGGED_EVENT_KINDS, recordChatEvent } from '../reports/chat-event-log';
import type { Kysely } from 'kysely';
import {
  type OperatorProfile,
  type OperatorStatus,
  type Role,
  operatorStatusSchema,
  roleSchema,
} from '../../src/protocol/models';
import { newId } from '../storage/ids';
import type { DeskbellTables } from '../storage/schema';

/** A staff account as the server works with it (never carries the password hash). */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  status: OperatorStatus;
  /** The departments this account monitors. */
  departmentIds: string[];
  /** False once an admin deactivated it. */
  active: boolean;
  /** Logged in with a temporary password: must choose one before anything else. */
  mustChangePassword: boolean;
}

/** An account as the Administration page lists it. */
export interface AdminAccountRow extends Account {
  lastSeenAt: number | null;
  createdAt: number;
}

export function toProfile(account: Account): OperatorProfile {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    departmentIds: account.departmentIds,
    ...(account.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  departmentIds?: string[];
  /** A temporary password handed on by an admin: to be replaced at the first login. */
  mustChangePassword?: boolean;
}

const ACCOUNT_COLUMNS = ['id', 'username', 'display_name', 'role', 'status', 'active', 'must_change_password'] as const;

interface AccountRowFields {
  id: string;
  username: string;
  display_name: string;
  role: string;
  status: string;
  active: number;
  must_change_password: number;
}

function toAccount(row: AccountRowFields, departmentIds: string[]): Account {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: roleSchema.parse(row.role),
    status: operatorStatusSchema.catch('offline').parse(row.status),
    departmentIds,
    active: Number(row.active) === 1,
    mustChangePassword: Number(row.must_change_password) === 1,
  };
}

/** Reads and writes staff accounts and the departments they monitor. */
export class AccountRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async create(account: NewAccount, now: number): Promise<string> {
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('accounts')
        .values({
          id,
          username: account.username,
          display_name: account.displayName,
          role: account.role,
          password_hash: account.passwordHash,
          status: 'offline',
          created_at: now,
          must_change_password: account.mustChangePassword ? 1 : 0,
        })
        .execute();
      for (const departmentId of account.departmentIds ?? []) {
        await trx.insertInto('department_members').values({ account_id: id, department_id: departmentId }).execute();
      }
    });
    return id;
  }

  /** The password hash for a login attempt, with the account id; undefined for an unknown username. */
  async findCredentials(username: string): Promise<{ id: string; passwordHash: string } | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .select(['id', 'password_hash'])
      .where('username', '=', username)
      .where('active', '=', 1)
      .executeTakeFirst();
    return row ? { id: row.id, passwordHash: row.password_hash } : undefined;
  }

  async findIdByUsername(username: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
    return row?.id;
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = await this.db.selectFrom('accounts').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return toAccount(row, await this.departmentsOf(id));
  }

  /** The departments one account monitors, in the desk's order. */
  async departmentsOf(accountId: string): Promise<string[]> {
    const members = await this.db
      .selectFrom('department_members')
      .innerJoin('departments', 'departments.id', 'department_members.department_id')
      .select('department_members.department_id')
      .where('department_members.account_id', '=', accountId)
      .orderBy('departments.sort_order')
      .orderBy('departments.id')
      .execute();
    return members.map((member) => member.department_id);
  }

  /** Every active staff account with its departments, by display name: the Operators list. */
  async listAll(): Promise<Account[]> {
    return (await this.listWithDetails()).filter((account) => account.active);
  }

  /** Every account, deactivated ones too, with when it was made and last seen: the Administration page. */
  async listWithDetails(): Promise<AdminAccountRow[]> {
    const [rows, members] = await Promise.all([
      this.db
        .selectFrom('accounts')
        .select([...ACCOUNT_COLUMNS, 'last_seen_at', 'created_at'])
        .orderBy('display_name')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('department_members')
        .innerJoin('departments', 'departments.id', 'department_members.department_id')
        .select(['department_members.account_id', 'department_members.department_id'])
        .orderBy('departments.sort_order')
        .orderBy('departments.id')
        .execute(),
    ]);
    const byAccount = new Map<string, string[]>();
    for (const member of members) {
      const list = byAccount.get(member.account_id) ?? [];
      list.push(member.department_id);
      byAccount.set(member.account_id, list);
    }
    return rows.map((row) => ({
      ...toAccount(row, byAccount.get(row.id) ?? []),
      lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at),
      createdAt: Number(row.created_at),
    }));
  }

  /** How many active admins there are: the last one may be neither demoted nor deactivated. */
  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async passwordHashOf(accountId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('id', '=', accountId)
      .executeTakeFirst();
    return row?.password_hash;
  }

  /** Name, role and departments as an admin edits them; the departments list replaces the old one. */
  async update(
    accountId: string,
    changes: { displayName?: string; role?: Role; departmentIds?: readonly string[] },
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const set: { display_name?: string; role?: Role } = {};
      if (changes.displayName !== undefined) set.display_name = changes.displayName;
      if (changes.role !== undefined) set.role = changes.role;
      if (Object.keys(set).length > 0) await trx.updateTable('accounts').set(set).where('id', '=', accountId).execute();
      if (changes.departmentIds) {
        await trx.deleteFrom('department_members').where('account_id', '=', accountId).execute();
        for (const departmentId of changes.departmentIds) {
          await trx
            .insertInto('department_members')
            .values({ account_id: accountId, department_id: departmentId })
            .execute();
        }
      }
    });
  }

  async setPassword(accountId: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 })
      .where('id', '=', accountId)
      .execute();
  }

  async setActive(accountId: string, active: boolean): Promise<void> {
    await this.db
      .updateTable('accounts')
      .set(active ? { active: 1 } : { active: 0, status: 'offline' })
      .where('id', '=', accountId)
      .execute();
  }

  async markSeen(accountId: string, at: number): Promise<void> {
    await this.db.updateTable('accounts').set({ last_seen_at: at }).where('id', '=', accountId).execute();
  }

  async addMembership(accountId: string, departmentId: string): Promise<void> {
    const existing = await this.db
      .selectFrom('department_members')
      .select('account_id')
      .where('account_id', '=', accountId)
      .where('department_id', '=', departmentId)
      .executeTakeFirst();
    if (!existing) {
      await this.db
        .insertInto('department_members')
        .values({ account_id: accountId, department_id: departmentId })
        .execute();
    }
  }

  /** The chosen status, and its line in the reports' log (when the desk was staffed), in one transaction. */
  async setStatus(accountId: string, status: OperatorStatus, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('accounts').set({ status }).where('id', '=', accountId).execute();
      await recordChatEvent(trx, { at, kind: LOGGED_EVENT_KINDS.status, actorId: accountId, detail: status });
    });
  }
}
