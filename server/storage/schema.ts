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
  /** When this operator's chats go back to the queue unless a console of theirs reconnects (0004); null while connected. */
  handback_due_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** 0/1 (0007): a deactivated account cannot log in; its rows stay for the history. */
  active: ColumnType<number, number | undefined, number>;
  /** 0/1 (0007): logged in with a temporary password; must choose one first. */
  must_change_password: ColumnType<number, number | undefined, number>;
  /** When one of their consoles was last connected (0007). */
  last_seen_at: ColumnType<number | null, number | null | undefined, number | null>;
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
  /** 0/1 (0008): a retired department keeps its chats' history and takes no new ones. */
  active: ColumnType<number, number | undefined, number>;
  /** JSON ServiceHours (0008); null: always open. */
  hours_json: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON EscalationLadder (0010); null: the defaults. */
  escalation_json: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Desk-wide settings an admin edits (0008), one JSON value per key (the library's time zone, ...). */
export interface DeskSettingsTable {
  key: string;
  value_json: string;
  updated_at: number;
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
  /** 'reference' | 'directional' (0011): how reference statistics count it (NISO Z39.7). */
  counts_as: ColumnType<string, string | undefined, string>;
}

export interface PatronFieldsTable {
  key: string;
  label: string;
  sort_order: number;
  /** 1: the patron must fill it in (0009). */
  required: ColumnType<number, number | undefined, number>;
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
  /** The first chat of this browser's resume-token chain (0002); null on chats from before it. */
  lineage_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The patron's widget has been gone since then (0004); null while they are here. */
  patron_away_since: ColumnType<number | null, number | null | undefined, number | null>;
  /** While away: when the chat stops waiting for them. */
  patron_return_by: ColumnType<number | null, number | null | undefined, number | null>;
  /** When an answered chat's patron was declared gone. */
  patron_left_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** Who handed a waiting chat back to the queue, until someone claims it. */
  returned_by_id: ColumnType<string | null, string | null | undefined, string | null>;
  returned_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** The rung of the escalation ladder already acted on (0010): 0 none, 1..3 past T1..T3. */
  escalation_step: ColumnType<number, number | undefined, number>;
  /** The backup department that sees the chat too, once it passed T2 (0010). */
  backup_department_id: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** JSON of a ChatEvent on system messages (0002); null otherwise. */
  event: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AnalyticsTable {
  chat_id: string;
  question_type_id: string;
  time_spent_minutes: number;
  notes: string;
  operator_id: string;
  saved_at: number;
  /** The READ scale's level, 1 to 6 (0011), when the library uses it. */
  read_level: ColumnType<number | null, number | null | undefined, number | null>;
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
  chat_participants: ChatParticipantsTable;
  chat_transfers: ChatTransfersTable;
  staff_chats: StaffChatsTable;
  staff_messages: StaffMessagesTable;
  canned_messages: CannedMessagesTable;
  read_marks: ReadMarksTable;
  screenshares: ScreensharesTable;
  audit_log: AuditLogTable;
  desk_settings: DeskSettingsTable;
  department_watch: DepartmentWatchTable;
  scheduler_leases: SchedulerLeasesTable;
  follow_ups: FollowUpsTable;
  chat_staff_notes: ChatStaffNotesTable;
  account_setup_links: AccountSetupLinksTable;
  chat_events: ChatEventsTable;
  chat_stats: ChatStatsTable;
  chat_ratings: ChatRatingsTable;
}

/**
 * One thing that happened to a chat, or an operator's status change (0011): append-only, written in the
 * transaction of the change it describes. `value` is the kind's number (a rating, a wait), `detail` its text.
 */
export interface ChatEventsTable {
  id: string;
  at: number;
  kind: string;
  chat_id: string | null;
  department_id: string | null;
  actor_id: string | null;
  value: number | null;
  detail: string | null;
}

/** An ended chat's figures (0011), rebuilt from its events whenever one is added after it ended. */
export interface ChatStatsTable {
  chat_id: string;
  department_id: string;
  created_at: number;
  ended_at: number;
  /** When the patron asked, in the library's time zone: yyyy-mm-dd, 1 (Monday) to 7, 0 to 23. */
  local_day: string;
  local_weekday: number;
  local_hour: number;
  /** Asked to first claimed; null if nobody claimed it. */
  wait_ms: number | null;
  /** Asked to the first staff message; null if nobody answered. */
  first_reply_ms: number | null;
  /** First claimed to ended; null if nobody claimed it. */
  duration_ms: number | null;
  transfers: ColumnType<number, number | undefined, number>;
  screenshares: ColumnType<number, number | undefined, number>;
  /** 0/1: it ended with nobody having claimed it. */
  missed: ColumnType<number, number | undefined, number>;
  /** 0/1: the patron left (or ended it) before any staff answer. */
  left_unanswered: ColumnType<number, number | undefined, number>;
  operator_id: string | null;
  question_type_id: string | null;
  /** 'reference' | 'directional', the question type's count when the entry was saved. */
  counts_as: string | null;
  read_level: number | null;
  time_spent_minutes: number | null;
  rating: number | null;
  browser: string | null;
  /** The page the patron asked from, without its query string. */
  page: string | null;
}

/** The patron's answer to "How helpful was this chat?" (0011): staff-only. */
export interface ChatRatingsTable {
  chat_id: string;
  rating: number;
  comment: string | null;
  rated_at: number;
}

/** A one-time set-up link (0010): whoever opens it before `expires_at` chooses the account's password, once. */
export interface AccountSetupLinksTable {
  token_hash: string;
  account_id: string;
  expires_at: number;
}

/** The dark-desk watch of one department (0010). */
export interface DepartmentWatchTable {
  department_id: string;
  /** The last moment someone was seen Online for it, or when the watch began. */
  covered_at: number;
  /** When the dark-desk alarm was raised, while it stands. */
  alarm_since: number | null;
}

/** Which node runs a periodic job (0010): the holder renews before expires_at, or another node takes over. */
export interface SchedulerLeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

/** A question a patron left instead of waiting past T3 (0010), for a reply by email. */
export interface FollowUpsTable {
  id: string;
  chat_id: string;
  department_id: string;
  patron_name: string | null;
  email: string;
  question: string;
  created_at: number;
  answered_at: number | null;
  answered_by_name: string | null;
}

/** Staff-only lines of a patron chat (0010): a supervisor's whisper, watching, a status set; never shown to the patron. */
export interface ChatStaffNotesTable {
  id: string;
  chat_id: string;
  at: number;
  author_id: string | null;
  author_name: string;
  /** 'whisper' | 'watching' | 'status-set' | 'escalated' */
  kind: string;
  body: string;
}

/** One administrative change (0007): who, what, when, the target's before and after as JSON. */
export interface AuditLogTable {
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_kind: string;
  target_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** Operators in a patron chat beside its owner; left_at is set when they leave (the row stays, for the record). */
export interface ChatParticipantsTable {
  chat_id: string;
  account_id: string;
  joined_at: number;
  left_at: number | null;
}

/** At most one pending transfer per chat. */
export interface ChatTransfersTable {
  chat_id: string;
  from_id: string;
  /** 'operator' | 'department' */
  to_kind: string;
  to_id: string;
  /** Staff-only: never sent to the patron. */
  briefing: string | null;
  previous_department_id: string;
  created_at: number;
  expires_at: number;
}

export interface StaffChatsTable {
  id: string;
  /** The smaller account id of the pair. */
  member_a: string;
  member_b: string;
  created_at: number;
  last_seq: ColumnType<number, number | undefined, number>;
  last_message_at: number | null;
}

export interface StaffMessagesTable {
  staff_chat_id: string;
  id: string;
  seq: number;
  author_id: string;
  author_name: string;
  body: string;
  created_at: number;
  /** JSON of a ScreenshareEvent on a screenshare step's line (0006); null otherwise. */
  event: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Personal (owner_id set) or shared by a department (department_id set). */
export interface CannedMessagesTable {
  id: string;
  owner_id: string | null;
  department_id: string | null;
  shortcut: string;
  body: string;
  created_at: number;
  updated_at: number;
}

/** How far an account has read a patron chat or a staff chat (0005); a mark only moves forward. */
export interface ReadMarksTable {
  account_id: string;
  /** 'chat' | 'staff' */
  kind: string;
  /** The chat's or staff chat's id. */
  target_id: string;
  /** The newest sequence number read. */
  seq: number;
  updated_at: number;
}

/** A screen sharing session (0006): its state, its two parties and their sockets, its deadlines. */
export interface ScreensharesTable {
  id: string;
  /** 'patron' | 'staff': which kind of chat `chat_id` names. */
  chat_kind: string;
  chat_id: string;
  /** 'host-shares' | 'guest-shares' */
  direction: string;
  /** requested | joined | connecting | audio-only | sharing | ended */
  state: string;
  host_id: string;
  host_name: string;
  /** 'patron' | 'operator' */
  guest_kind: string;
  guest_id: string | null;
  guest_name: string;
  requested_at: number;
  expires_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  end_reason: string | null;
  ended_by: string | null;
  source_label: string | null;
  host_socket: string | null;
  guest_socket: string | null;
  /** sha256 of the key the patron's screenshare window proves itself with. */
  window_key_hash: string | null;
  grace_until: number | null;
  version: ColumnType<number, number | undefined, number>;
}
