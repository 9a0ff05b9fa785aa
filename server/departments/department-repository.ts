import type { Kysely } from 'kysely';
import type { Department, PatronField, QuestionType } from '../../src/protocol/models';
import { ReadThroughCache } from '../storage/read-through-cache';
import type { DeskbellTables } from '../storage/schema';

/** How long the department list and the patron fields are kept between reads (see ReadThroughCache). */
const KEPT_MS = 5_000;

/**
 * Departments (chat channels), the Question Type list and the widget's extra
 * patron fields. Every patron's start reads the department and the fields:
 * both are kept for a few seconds instead of read each time.
 */
export class DepartmentRepository {
  private readonly departments: ReadThroughCache<Department[]>;
  private readonly patronFields: ReadThroughCache<PatronField[]>;

  constructor(private readonly db: Kysely<DeskbellTables>) {
    this.departments = new ReadThroughCache(
      () => this.db.selectFrom('departments').select(['id', 'name']).orderBy('sort_order').orderBy('id').execute(),
      KEPT_MS,
    );
    this.patronFields = new ReadThroughCache(
      () => this.db.selectFrom('patron_fields').select(['key', 'label']).orderBy('sort_order').orderBy('key').execute(),
      KEPT_MS,
    );
  }

  /** A copy, so a caller that sorts or changes the list changes nobody else's. */
  async list(): Promise<Department[]> {
    return (await this.departments.get()).map((department) => ({ ...department }));
  }

  async find(id: string): Promise<Department | undefined> {
    const found = (await this.departments.get()).find((department) => department.id === id);
    return found ? { ...found } : undefined;
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
      .select(['id', 'label'])
      .where('active', '=', 1)
      .orderBy('sort_order')
      .orderBy('id')
      .execute();
  }

  async findQuestionType(id: string): Promise<(QuestionType & { active: boolean }) | undefined> {
    const row = await this.db
      .selectFrom('question_types')
      .select(['id', 'label', 'active'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { id: row.id, label: row.label, active: row.active === 1 } : undefined;
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
        .values({ id: type.id, label: type.label, sort_order: order, active: 1 })
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
          .set({ label: type.label, sort_order: order, active: 1 })
          .where('id', '=', type.id)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) {
          await trx
            .insertInto('question_types')
            .values({ id: type.id, label: type.label, sort_order: order, active: 1 })
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
        .values({ key: field.key, label: field.label, sort_order: existing.length + index })
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
          .values({ key: field.key, label: field.label, sort_order: order })
          .execute();
      }
    });
    this.patronFields.clear();
  }
}
