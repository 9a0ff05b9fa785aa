import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
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
  /** Teamwork: transfers, group chats, staff chats, canned messages, chat events, patron history. */
  '0002_teamwork': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('messages').addColumn('event', 'text').execute();
      // The first chat of a browser's chain of resume tokens; a returning patron's chats share it.
      await db.schema.alterTable('chats').addColumn('lineage_id', 'text').execute();
      await db.schema.createIndex('chats_lineage_idx').on('chats').column('lineage_id').execute();
      await db.schema.createIndex('chats_patron_email_idx').on('chats').column('patron_email').execute();

      await db.schema
        .createTable('chat_participants')
        .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id').onDelete('cascade'))
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .addColumn('left_at', 'bigint')
        .addPrimaryKeyConstraint('chat_participants_pk', ['chat_id', 'account_id'])
        .execute();

      await db.schema
        .createTable('chat_transfers')
        .addColumn('chat_id', 'text', (c) => c.primaryKey().references('chats.id').onDelete('cascade'))
        .addColumn('from_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('to_kind', 'text', (c) => c.notNull())
        .addColumn('to_id', 'text', (c) => c.notNull())
        .addColumn('briefing', 'text')
        .addColumn('previous_department_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('chat_transfers_expires_idx').on('chat_transfers').column('expires_at').execute();

      await db.schema
        .createTable('staff_chats')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // The two colleagues, smaller id first, so a pair has exactly one chat.
        .addColumn('member_a', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('member_b', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_message_at', 'bigint')
        .addUniqueConstraint('staff_chats_pair_unique', ['member_a', 'member_b'])
        .execute();

      await db.schema
        .createTable('staff_messages')
        .addColumn('staff_chat_id', 'text', (c) => c.notNull().references('staff_chats.id').onDelete('cascade'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('staff_messages_pk', ['staff_chat_id', 'id'])
        .addUniqueConstraint('staff_messages_seq_unique', ['staff_chat_id', 'seq'])
        .execute();

      await db.schema
        .createTable('canned_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
        .addColumn('department_id', 'text', (c) => c.references('departments.id').onDelete('cascade'))
        .addColumn('shortcut', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0003_queue_order': {
    // A department's queue in order (queue-repository.ts): the places ahead of a ticket are one range of
    // this index, and whether anyone waits behind it one look, instead of a pass over every waiting chat.
    async up(db) {
      await db.schema
        .createIndex('chats_queue_idx')
        .on('chats')
        .columns(['department_id', 'status', 'created_at', 'id'])
        .execute();
    },
  },
  /**
   * Nobody dropped (issue 11): a patron's absence and its deadline, a chat handed back by its
   * operator, and the deadline by which a vanished operator's chats return to the queue. Deadlines
   * are stored, so a restart neither forgets them nor fires them twice (each is cleared by the one
   * conditional write that acts on it).
   */
  '0004_nobody_dropped': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('chats').addColumn('patron_away_since', 'bigint').execute();
      await db.schema.alterTable('chats').addColumn('patron_return_by', 'bigint').execute();
      await db.schema.alterTable('chats').addColumn('patron_left_at', 'bigint').execute();
      await db.schema.alterTable('chats').addColumn('returned_by_id', 'text').execute();
      await db.schema.alterTable('chats').addColumn('returned_by_name', 'text').execute();
      await db.schema.createIndex('chats_patron_return_idx').on('chats').column('patron_return_by').execute();
      // The queue counts only patrons who are there: the places ahead stay one range of the index.
      await db.schema.dropIndex('chats_queue_idx').execute();
      await db.schema
        .createIndex('chats_queue_idx')
        .on('chats')
        .columns(['department_id', 'status', 'patron_away_since', 'created_at', 'id'])
        .execute();
      await db.schema.alterTable('accounts').addColumn('handback_due_at', 'bigint').execute();
      await db.schema.createIndex('accounts_handback_idx').on('accounts').column('handback_due_at').execute();
    },
  },
  '0005_read_marks': {
    // How far each staff member has read each chat and staff chat (server/reads/): unread counts
    // survive a reload and follow the librarian to another window or machine.
    async up(db) {
      await db.schema
        .createTable('read_marks')
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        // 'chat' (a patron chat) or 'staff' (a staff chat): the two share one table and one rule.
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('read_marks_pk', ['account_id', 'kind', 'target_id'])
        .execute();
    },
  },
  '0006_screenshares': {
    // Screen sharing sessions (server/screenshare/): a row per Request Screenshare, in a patron chat or a
    // staff chat. Its deadlines (the request's expiry, a lost connection's grace) are columns, acted on by
    // the upkeep with a conditional write, so they outlive a restart and fire once with several nodes.
    async up(db) {
      await db.schema
        .createTable('screenshares')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('chat_kind', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('host_id', 'text', (c) => c.notNull())
        .addColumn('host_name', 'text', (c) => c.notNull())
        .addColumn('guest_kind', 'text', (c) => c.notNull())
        .addColumn('guest_id', 'text')
        .addColumn('guest_name', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('started_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('end_reason', 'text')
        .addColumn('ended_by', 'text')
        .addColumn('source_label', 'text')
        // The socket of each side that signalling goes to; the patron's window proves itself with its key.
        .addColumn('host_socket', 'text')
        .addColumn('guest_socket', 'text')
        .addColumn('window_key_hash', 'text')
        // A side's socket went away: the session ends at this time unless it comes back.
        .addColumn('grace_until', 'bigint')
        // Every write checks and bumps it: a change decided on stale facts is decided again.
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('screenshares_chat_idx').on('screenshares').columns(['chat_id', 'state']).execute();
      await db.schema.createIndex('screenshares_expiry_idx').on('screenshares').column('expires_at').execute();
      await db.schema.createIndex('screenshares_grace_idx').on('screenshares').column('grace_until').execute();
      // A staff chat's screenshare steps are lines of it too, with their structured event (JSON).
      await db.schema.alterTable('staff_messages').addColumn('event', 'text').execute();
    },
  },
  '0007_administration': {
    // Accounts an admin runs from the Administration page (server/admin/): deactivated ones stay, so
    // history keeps their names; a temporary password must be changed at the next login. Every
    // administrative change is a row of audit_log, with the before and after as JSON.
    async up(db) {
      await db.schema
        .alterTable('accounts')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable('accounts')
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('accounts').addColumn('last_seen_at', 'bigint').execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['at', 'id']).execute();
    },
  },
  '0008_department_hours': {
    // Departments an admin runs (server/admin/department-routes.ts): a retired one keeps its history and
    // vanishes from the widget and the console; hours of service as JSON (null: always open), read in the
    // library's time zone, which is a row of desk_settings (settings the Administration page edits).
    async up(db) {
      await db.schema
        .alterTable('departments')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.alterTable('departments').addColumn('hours_json', 'text').execute();
      await db.schema
        .createTable('desk_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0009_desk_settings': {
    // Desk settings an admin edits (server/admin/desk-settings-routes.ts): a pre-chat field may be required.
    // The widget's words are rows of desk_settings (0008), and deskbell.json is only the first run's default.
    async up(db) {
      await db.schema
        .alterTable('patron_fields')
        .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0010_desk_watch': {
    // The supervisor's desk (server/desk/): each waiting chat's rung of the escalation ladder (acted on
    // by one conditional write, so a restart or a second node never acts twice) and the backup
    // department that sees it after T2; each department's ladder; the dark-desk watch per department
    // (when it was last covered, the standing alarm); the lease that lets one node run the watch;
    // follow-ups patrons left instead of waiting; staff-only notes of a chat (whispers and
    // supervisor actions), which the patron's side never reads; and one-time account set-up links.
    async up(db) {
      await db.schema
        .alterTable('chats')
        .addColumn('escalation_step', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('chats').addColumn('backup_department_id', 'text').execute();
      await db.schema.alterTable('departments').addColumn('escalation_json', 'text').execute();
      await db.schema
        .createTable('department_watch')
        .addColumn('department_id', 'text', (c) => c.primaryKey())
        .addColumn('covered_at', 'bigint', (c) => c.notNull())
        .addColumn('alarm_since', 'bigint')
        .execute();
      await db.schema
        .createTable('scheduler_leases')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('holder', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('follow_ups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('chat_id', 'text', (c) => c.notNull().unique())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('patron_name', 'text')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('answered_at', 'bigint')
        .addColumn('answered_by_name', 'text')
        .execute();
      await db.schema
        .createIndex('follow_ups_open_idx')
        .on('follow_ups')
        .columns(['answered_at', 'created_at'])
        .execute();
      await db.schema
        .createTable('chat_staff_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('chat_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('author_id', 'text')
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('chat_staff_notes_chat_idx')
        .on('chat_staff_notes')
        .columns(['chat_id', 'at'])
        .execute();
      // One-time set-up links for new accounts and password resets: the token's hash, never the token.
      await db.schema
        .createTable('account_setup_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0011_reports': {
    // Reports (server/reports/): one append-only table of chat events, written in the same transaction
    // as the change each describes; one rollup row per ended chat (its figures, bucketed by the
    // library's local day, weekday and hour), so a report reads an index, never the messages table; the
    // patron's rating; what libraries count (a question type is reference or directional, the READ
    // scale); and each ended chat's words for full-text search, in what each database offers.
    async up(db) {
      await db.schema
        .createTable('chat_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text')
        .addColumn('department_id', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('value', 'bigint')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('chat_events_chat_idx').on('chat_events').columns(['chat_id', 'at']).execute();
      await db.schema.createIndex('chat_events_kind_idx').on('chat_events').columns(['kind', 'at']).execute();
      await db.schema
        .createIndex('chat_events_actor_idx')
        .on('chat_events')
        .columns(['actor_id', 'kind', 'at'])
        .execute();
      await db.schema
        .createTable('chat_stats')
        .addColumn('chat_id', 'text', (c) => c.primaryKey())
        .addColumn('department_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint', (c) => c.notNull())
        .addColumn('local_day', 'text', (c) => c.notNull())
        .addColumn('local_weekday', 'integer', (c) => c.notNull())
        .addColumn('local_hour', 'integer', (c) => c.notNull())
        .addColumn('wait_ms', 'bigint')
        .addColumn('first_reply_ms', 'bigint')
        .addColumn('duration_ms', 'bigint')
        .addColumn('transfers', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('screenshares', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('missed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('left_unanswered', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('operator_id', 'text')
        .addColumn('question_type_id', 'text')
        .addColumn('counts_as', 'text')
        .addColumn('read_level', 'integer')
        .addColumn('time_spent_minutes', 'integer')
        .addColumn('rating', 'integer')
        .addColumn('browser', 'text')
        .addColumn('page', 'text')
        .execute();
      await db.schema
        .createIndex('chat_stats_day_idx')
        .on('chat_stats')
        .columns(['local_day', 'department_id'])
        .execute();
      await db.schema
        .createIndex('chat_stats_department_day_idx')
        .on('chat_stats')
        .columns(['department_id', 'local_day'])
        .execute();
      await db.schema.createIndex('chat_stats_ended_idx').on('chat_stats').columns(['ended_at', 'chat_id']).execute();
      await db.schema
        .createTable('chat_ratings')
        .addColumn('chat_id', 'text', (c) => c.primaryKey())
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('rated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .alterTable('question_types')
        .addColumn('counts_as', 'text', (c) => c.notNull().defaultTo('reference'))
        .execute();
      // The starting list's directional types (server/seed/library-defaults.ts) count as such.
      await db
        .updateTable('question_types' as never)
        .set({ counts_as: 'directional' } as never)
        .where('id' as never, 'in', ['directional', 'policy'] as never)
        .execute();
      await db.schema.alterTable('analytics').addColumn('read_level', 'integer').execute();
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`CREATE TABLE transcript_search (chat_id text PRIMARY KEY, document tsvector NOT NULL)`.execute(db);
        await sql`CREATE INDEX transcript_search_document_idx ON transcript_search USING GIN (document)`.execute(db);
      } else {
        await sql`CREATE VIRTUAL TABLE transcript_search USING fts5(chat_id UNINDEXED, body, tokenize = 'porter unicode61')`.execute(
          db,
        );
      }
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
