import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DeskbellTables } from './schema';

/**
 * The one set of migrations, in code, for both dialects. Only column types
 * both understand are used: `text`, `integer`, and `bigint` for epoch-ms
 * timestamps (SQLite gives it integer affinity; pg's int8 is parsed to a number).
 * Add new migrations at the end; never edit one that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('offline'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('departments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('department_members')
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('department_members_pk', ['account_id', 'department_id'])
        .execute();

      await db.schema
        .createTable('question_types')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();

      await db.schema
        .createTable('patron_fields')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await db.schema
        .createTable('chats')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('patron_name', 'text')
        .addColumn('patron_email', 'text')
        .addColumn('patron_ip', 'text')
        .addColumn('page_url', 'text')
        .addColumn('referrer', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('browser', 'text')
        .addColumn('extra_fields', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('resume_token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('owner_id', 'text', (c) => c.references('accounts.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('ended_by', 'text')
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('chats_status_idx').on('chats').columns(['status', 'department_id']).execute();
      await db.schema.createIndex('chats_ended_idx').on('chats').columns(['ended_at']).execute();

      await db.schema
        .createTable('messages')
        .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('author_kind', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text')
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('messages_pk', ['chat_id', 'id'])
        .addUniqueConstraint('messages_seq_unique', ['chat_id', 'seq'])
        .execute();

      await db.schema
        .createTable('analytics')
        .addColumn('chat_id', 'text', (c) => c.primaryKey().references('chats.id').onDelete('cascade'))
        .addColumn('question_type_id', 'text', (c) => c.notNull().references('question_types.id'))
        .addColumn('time_spent_minutes', 'integer', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('saved_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Brings the schema up to date; throws (with the failing migration's error) when it cannot. */
export async function migrateToLatest(db: Kysely<DeskbellTables>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
