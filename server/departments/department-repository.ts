import type { Kysely } from 'kysely';
import type { Department, PatronField, QuestionType } from '../../src/protocol/models';
import { type ServiceHours, serviceHoursSchema } from '../../src/protocol/service-hours';
import { ReadThroughCache } from '../storage/read-through-cache';
import type { DeskbellTables } from '../storage/schema';

/** A department as its row says: retired or not, and its hours (a stored schedule that no longer parses counts as none). */
export interface DepartmentRow extends Department {
  sortOrder: number;
  active: boolean;
  hours: ServiceHours | null;
}

function toDepartmentRow(row: {
  id: string;
  name: string;
  sort_order: number;
  active: number;
  hours_json: string | null;
}): DepartmentRow {
  let hours: ServiceHours | null = null;
  if (row.hours_json !== null) {
    try {
      hours = serviceHoursSchema.parse(JSON.parse(row.hours_json));
    } catch {
      hours = null;
    }
  }
  return { id: row.id, name: row.name, sortOrder: Number(row.sort_order), active: Number(row.active) === 1, hours };
}

/** How long the department list and the patron fields are kept between reads (see ReadThroughCache). */
const KEPT_MS = 5_000;

/**
 * Departments (chat channels), the Question Type list and the widget's extra
 * patron fields. Every patron's start reads the department and the fields:
 * both are kept for a few seconds instead of read each time.
 */
export class DepartmentRepository {
  private readonly departments: ReadThroughCache<DepartmentRow[]>;
  private readonly patronFields: ReadThroughCache<PatronField[]>;
  /** Desk settings (the time zone) are read by every widget: kept like the department list. */
  private readonly settings: ReadThroughCache<Array<{ key: string; value_json: string }>>;

  constructor(private readonly db: Kysely<DeskbellTables>) {
    this.departments = new ReadThroughCache(
      async () =>
        (
          await this.db
            .selectFrom('departments')
            .select(['id', 'name', 'sort_order', 'active', 'hours_json'])
            .orderBy('sort_order')
            .orderBy('id')
            .execute()
        ).map(toDepartmentRow),
      KEPT_MS,
    );
    this.settings = new ReadThroughCache(
      () => this.db.selectFrom('desk_settings').select(['key', 'value_json']).execute(),
      KEPT_MS,
    );
    this.patronFields = new ReadThroughCache(
      async () =>
        (
          await this.db
            .selectFrom('patron_fields')
            .select(['key', 'label', 'required'])
            .orderBy('sort_order')
            .orderBy('key')
            .execute()
        ).map((row) => ({ key: row.key, label: row.label, required: Number(row.required) === 1 })),
      KEPT_MS,
    );
  }

  /** The desk's departments, retired ones left out; a copy, so a caller that sorts or changes the list changes nobody else's. */
  async list(): Promise<Department[]> {
    return (await this.departments.get())
      .filter((department) => department.active)
      .map((department) => ({ id: department.id, name: department.name }));
  }

  /** A department that takes chats (not retired). */
  async find(id: string): Promise<Department | undefined> {
    const found = (await this.departments.get()).find((department) => department.id === id && department.active);
    return found ? { id: found.id, name: found.name } : undefined;
  }

  /** Its hours of service (null: always open); undefined for an unknown or retired department. */
  async hoursOf(id: string): Promise<ServiceHours | null | undefined> {
    const found = (await this.departments.get()).find((department) => department.id === id && department.active);
    return found ? found.hours : undefined;
  }

  /** Every department, retired ones too, with its order and hours: the Administration page. */
  async listWithDetails(): Promise<DepartmentRow[]> {
    this.departments.clear();
    return (await this.departments.get()).map((department) => ({ ...department }));
  }

  async create(department: Department): Promise<void> {
    const last = await this.db
      .selectFrom('departments')
      .select((eb) => eb.fn.max('sort_order').as('top'))
      .executeTakeFirst();
    await this.db
      .insertInto('departments')
      .values({ ...department, sort_order: Number(last?.top ?? -1) + 1 })
      .execute();
    this.departments.clear();
  }

  async update(id: string, changes: { name?: string; hours?: ServiceHours | null; active?: boolean }): Promise<void> {
    const set: { name?: string; hours_json?: string | null; active?: number } = {};
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.hours !== undefined) set.hours_json = changes.hours === null ? null : JSON.stringify(changes.hours);
    if (changes.active !== undefined) set.active = changes.active ? 1 : 0;
    if (Object.keys(set).length > 0) await this.db.updateTable('departments').set(set).where('id', '=', id).execute();
    this.departments.clear();
  }

  /** The listed departments first, in that order; any not listed keep their order after them. */
  async reorder(ids: readonly string[]): Promise<void> {
    const rest = (await this.listWithDetails()).filter((department) => !ids.includes(department.id));
    await this.db.transaction().execute(async (trx) => {
      for (const [order, id] of [...ids, ...rest.map((department) => department.id)].entries()) {
        await trx.updateTable('departments').set({ sort_order: order }).where('id', '=', id).execute();
      }
    });
    this.departments.clear();
  }

  /** The accounts that monitor a department. */
  async monitorsOf(id: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('department_members')
      .select('account_id')
      .where('department_id', '=', id)
      .execute();
    return rows.map((row) => row.account_id);
  }

  /** Makes exactly these accounts the department's monitors. */
  async setMonitors(id: string, accountIds: readonly string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('department_members').where('department_id', '=', id).execute();
      for (const accountId of accountIds) {
        await trx.insertInto('department_members').values({ account_id: accountId, department_id: id }).execute();
      }
    });
  }

  /** A desk-wide setting's stored JSON value, or undefined when none was saved. */
  async readSetting(key: string): Promise<unknown> {
    const row = (await this.settings.get()).find((setting) => setting.key === key);
    return row ? (JSON.parse(row.value_json) as unknown) : undefined;
  }

  async writeSetting(key: string, value: unknown, now: number): Promise<void> {
    const value_json = JSON.stringify(value);
    const updated = await this.db
      .updateTable('desk_settings')
      .set({ value_json, updated_at: now })
      .where('key', '=', key)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await this.db.insertInto('desk_settings').values({ key, value_json, updated_at: now }).execute();
    }
    this.settings.clear();
  }

  /** Adds a department unless one with that id exists (seeding is idempotent). */
  async ensure(department: Department, sortOrder: number): Promise<void> {
    const existing = await this.db
      .selectFrom('departments')
      .select('id')
      .where('id', '=', department.id)
      .executeTakeFirst();
    if (existing) return;
    await this.db
      .insertInto('departments')
      .values({ ...department, sort_order: sortOrder })
      .execute();
    this.departments.clear();
  }

  async listQuestionTypes(): Promise<QuestionType[]> {
    return this.db
      .selectFrom('question_types')
      .select(['id', 'label', 'counts_as'])
      .where('active', '=', 1)
      .orderBy('sort_order')
      .orderBy('id')
      .execute()
      .then((rows) => rows.map((row) => ({ id: row.id, label: row.label, countsAs: countsAsOf(row.counts_as) })));
  }

  /** Every Question Type, retired ones too, active ones first in their order: the Administration page. */
  async listAllQuestionTypes(): Promise<Array<QuestionType & { active: boolean }>> {
    const rows = await this.db
      .selectFrom('question_types')
      .select(['id', 'label', 'active', 'counts_as'])
      .orderBy('active', 'desc')
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      label: row.label,
      countsAs: countsAsOf(row.counts_as),
      active: Number(row.active) === 1,
    }));
  }

  async findQuestionType(id: string): Promise<(QuestionType & { active: boolean }) | undefined> {
    const row = await this.db
      .selectFrom('question_types')
      .select(['id', 'label', 'active', 'counts_as'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? { id: row.id, label: row.label, countsAs: countsAsOf(row.counts_as), active: row.active === 1 }
      : undefined;
  }

  /** Adds question types that are missing, leaving existing ones as they are. */
  async ensureQuestionTypes(types: readonly QuestionType[]): Promise<void> {
    const existing = await this.db.selectFrom('question_types').select(['id', 'sort_order']).execute();
    const known = new Set(existing.map((row) => row.id));
    let order = existing.reduce((max, row) => Math.max(max, row.sort_order), -1);
    for (const type of types) {
      if (known.has(type.id)) continue;
      order += 1;
      await this.db
        .insertInto('question_types')
        .values({ id: type.id, label: type.label, counts_as: type.countsAs, sort_order: order, active: 1 })
        .execute();
    }
  }

  /**
   * Makes `types` the active Question Type list, in that order. Types no longer
   * listed are retired, not deleted, so saved analytics keep their label.
   */
  async replaceQuestionTypes(types: readonly QuestionType[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('question_types').set({ active: 0 }).execute();
      for (const [order, type] of types.entries()) {
        const updated = await trx
          .updateTable('question_types')
          .set({ label: type.label, counts_as: type.countsAs, sort_order: order, active: 1 })
          .where('id', '=', type.id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) {
          await trx
            .insertInto('question_types')
            .values({ id: type.id, label: type.label, counts_as: type.countsAs, sort_order: order, active: 1 })
            .execute();
        }
      }
    });
  }

  async listPatronFields(): Promise<PatronField[]> {
    return (await this.patronFields.get()).map((field) => ({ ...field }));
  }

  async ensurePatronFields(fields: readonly PatronField[]): Promise<void> {
    this.patronFields.clear();
    const existing = await this.listPatronFields();
    const known = new Set(existing.map((field) => field.key));
    for (const [index, field] of fields.entries()) {
      if (known.has(field.key)) continue;
      await this.db
        .insertInto('patron_fields')
        .values({
          key: field.key,
          label: field.label,
          required: field.required ? 1 : 0,
          sort_order: existing.length + index,
        })
        .execute();
    }
    this.patronFields.clear();
  }

  /** Makes `fields` the widget's extra fields, in that order. */
  async replacePatronFields(fields: readonly PatronField[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('patron_fields').execute();
      for (const [order, field] of fields.entries()) {
        await trx
          .insertInto('patron_fields')
          .values({ key: field.key, label: field.label, required: field.required ? 1 : 0, sort_order: order })
          .execute();
      }
    });
    this.patronFields.clear();
  }
}

/** A stored count, as the contract names it (anything unknown counts as reference). */
function countsAsOf(stored: string): QuestionType['countsAs'] {
  return stored === 'directional' ? 'directional' : 'reference';
}
