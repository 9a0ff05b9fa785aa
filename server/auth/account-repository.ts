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
}

export function toProfile(account: Account): OperatorProfile {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    departmentIds: account.departmentIds,
  };
}

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  departmentIds?: string[];
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
      .executeTakeFirst();
    return row ? { id: row.id, passwordHash: row.password_hash } : undefined;
  }

  async findIdByUsername(username: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst();
    return row?.id;
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .select(['id', 'username', 'display_name', 'role', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const members = await this.db
      .selectFrom('department_members')
      .innerJoin('departments', 'departments.id', 'department_members.department_id')
      .select('department_members.department_id')
      .where('department_members.account_id', '=', id)
      .orderBy('departments.sort_order')
      .orderBy('departments.id')
      .execute();
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: roleSchema.parse(row.role),
      status: operatorStatusSchema.catch('offline').parse(row.status),
      departmentIds: members.map((member) => member.department_id),
    };
  }

  /** Every staff account with its departments, by display name: the Operators list. */
  async listAll(): Promise<Account[]> {
    const [rows, members] = await Promise.all([
      this.db
        .selectFrom('accounts')
        .select(['id', 'username', 'display_name', 'role', 'status'])
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
    return rows.map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: roleSchema.parse(row.role),
      status: operatorStatusSchema.catch('offline').parse(row.status),
      departmentIds: members.filter((member) => member.account_id === row.id).map((member) => member.department_id),
    }));
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

  async setStatus(accountId: string, status: OperatorStatus): Promise<void> {
    await this.db.updateTable('accounts').set({ status }).where('id', '=', accountId).execute();
  }
}
