import type { ColumnType } from 'kysely';

/**
 * The Deskbell tables as Kysely sees them. The same schema runs on SQLite and
 * PostgreSQL, so it uses only what both share: text ids, epoch-ms integer
 * timestamps, 0/1 integers for booleans and JSON kept as text (parsed in the
 * repositories, never trusted blindly).
 */

export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  /** The presence status the operator last chose; availability itself comes from live sockets. */
  status: string;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the random token; the token itself is never stored. */
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}

export interface DepartmentsTable {
  id: string;
  name: string;
  sort_order: number;
}

export interface DepartmentMembersTable {
  account_id: string;
  department_id: string;
}

export interface QuestionTypesTable {
  id: string;
  label: string;
  sort_order: number;
  /** 0/1: retired types stay so old analytics entries keep their label. */
  active: number;
}

export interface PatronFieldsTable {
  key: string;
  label: string;
  sort_order: number;
}

export interface ChatsTable {
  id: string;
  department_id: string;
  status: string;
  question: string;
  patron_name: string | null;
  patron_email: string | null;
  patron_ip: string | null;
  page_url: string | null;
  referrer: string | null;
  user_agent: string | null;
  browser: string | null;
  /** JSON object of the configured extra fields the patron filled in. */
  extra_fields: string;
  resume_token_hash: string;
  owner_id: string | null;
  created_at: number;
  claimed_at: number | null;
  ended_at: number | null;
  ended_by: string | null;
  /** The newest message's sequence number; bumped in the same transaction as each insert. */
  last_seq: ColumnType<number, number | undefined, number>;
}

export interface MessagesTable {
  chat_id: string;
  /** Client-made id, unique within its chat: a retried send finds the stored row. */
  id: string;
  seq: number;
  author_kind: string;
  author_id: string | null;
  author_name: string;
  body: string;
  created_at: number;
}

export interface AnalyticsTable {
  chat_id: string;
  question_type_id: string;
  time_spent_minutes: number;
  notes: string;
  operator_id: string;
  saved_at: number;
}

export interface DeskbellTables {
  accounts: AccountsTable;
  sessions: SessionsTable;
  departments: DepartmentsTable;
  department_members: DepartmentMembersTable;
  question_types: QuestionTypesTable;
  patron_fields: PatronFieldsTable;
  chats: ChatsTable;
  messages: MessagesTable;
  analytics: AnalyticsTable;
}
