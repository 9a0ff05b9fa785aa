import { LOGGED_EVENT_KINDS, recordChatEvent } from '../reports/chat-event-log';
import type { Kysely, Selectable } from 'kysely';
import { screenshareDirectionSchema } from '../../src/protocol/models';
import {
  type ScreenshareSession,
  screenshareEndReasonSchema,
  screenshareStateSchema,
} from '../../src/protocol/screenshare';
import type { DeskbellTables, ScreensharesTable } from '../storage/schema';

/** What the server keeps beside the session both parties see: where signalling goes, and its deadlines. */
export interface StoredScreenshare {
  session: ScreenshareSession;
  hostSocket: string | null;
  guestSocket: string | null;
  windowKeyHash: string | null;
  /** A side's socket went away: the session ends then unless it is back. */
  graceUntil: number | null;
  version: number;
}

/** The server-side facts a change may set along with the session. */
export type StoredFacts = Partial<Omit<StoredScreenshare, 'session' | 'version'>>;

const OPEN_STATES = ['requested', 'joined', 'connecting', 'audio-only', 'sharing'];

/**
 * Screen sharing sessions (migration 0006). Every change is a conditional
 * write on the row's version, so two nodes (or a request and a timer) that
 * decided on the same facts cannot both win: the loser decides again.
 */
export class ScreenshareRepository {
  constructor(private readonly db: Kysely<DeskbellTables>) {}

  async create(stored: Omit<StoredScreenshare, 'version'>): Promise<void> {
    await this.db
      .insertInto('screenshares')
      .values({ ...toRow(stored.session), ...factsRow(stored), version: 0 })
      .execute();
  }

  async find(id: string): Promise<StoredScreenshare | undefined> {
    const row = await this.db.selectFrom('screenshares').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** The sessions of a chat that are not over (at most one, by the request rule). */
  async listOpenOfChat(chatId: string): Promise<StoredScreenshare[]> {
    const rows = await this.db
      .selectFrom('screenshares')
      .selectAll()
      .where('chat_id', '=', chatId)
      .where('state', 'in', OPEN_STATES)
      .execute();
    return rows.map(fromRow);
  }

  /** Open sessions this account is a party of (host, or the colleague of a staff chat): a console's sync. */
  async listOpenOfAccount(accountId: string): Promise<StoredScreenshare[]> {
    const rows = await this.db
      .selectFrom('screenshares')
      .selectAll()
      .where('state', 'in', OPEN_STATES)
      .where((eb) =>
        eb.or([
          eb('host_id', '=', accountId),
          eb.and([eb('guest_kind', '=', 'operator'), eb('guest_id', '=', accountId)]),
        ]),
      )
      .execute();
    return rows.map(fromRow);
  }

  /** Open sessions with a socket on either side: what the sweep checks against the sockets that exist. */
  async listOpen(): Promise<StoredScreenshare[]> {
    const rows = await this.db.selectFrom('screenshares').selectAll().where('state', 'in', OPEN_STATES).execute();
    return rows.map(fromRow);
  }

  /** Open sessions one of whose sides is this socket. */
  async listOpenBySocket(socketId: string): Promise<StoredScreenshare[]> {
    const rows = await this.db
      .selectFrom('screenshares')
      .selectAll()
      .where('state', 'in', OPEN_STATES)
      .where((eb) => eb.or([eb('host_socket', '=', socketId), eb('guest_socket', '=', socketId)]))
      .execute();
    return rows.map(fromRow);
  }

  /** Open sessions whose expiry or connection grace is past. */
  async listDue(now: number): Promise<StoredScreenshare[]> {
    const rows = await this.db
      .selectFrom('screenshares')
      .selectAll()
      .where('state', 'in', OPEN_STATES)
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('grace_until', '<=', now)]))
      .execute();
    return rows.map(fromRow);
  }

  /** Writes a change decided on `before`; false when the row changed since (decide again). */
  async update(before: StoredScreenshare, session: ScreenshareSession, facts: StoredFacts = {}): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('screenshares')
        .set({ ...toRow(session), ...factsRow(facts), version: before.version + 1 })
        .where('id', '=', before.session.id)
        .where('version', '=', before.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await logScreenshareStep(trx, before.session, session);
      return true;
    });
  }
}

function toRow(session: ScreenshareSession) {
  return {
    id: session.id,
    chat_kind: session.chat.kind,
    chat_id: session.chat.id,
    direction: session.direction,
    state: session.state,
    host_id: session.host.id ?? '',
    host_name: session.host.name,
    guest_kind: session.guest.kind,
    guest_id: session.guest.id,
    guest_name: session.guest.name,
    requested_at: session.requestedAt,
    expires_at: session.expiresAt,
    started_at: session.startedAt,
    ended_at: session.endedAt,
    end_reason: session.endReason,
    ended_by: session.endedBy,
    source_label: session.sourceLabel,
  };
}

/** Only the facts given: a change that does not name a socket keeps the stored one. */
function factsRow(facts: StoredFacts) {
  const row: Partial<Pick<ScreensharesTable, 'host_socket' | 'guest_socket' | 'window_key_hash' | 'grace_until'>> = {};
  if (facts.hostSocket !== undefined) row.host_socket = facts.hostSocket;
  if (facts.guestSocket !== undefined) row.guest_socket = facts.guestSocket;
  if (facts.windowKeyHash !== undefined) row.window_key_hash = facts.windowKeyHash;
  if (facts.graceUntil !== undefined) row.grace_until = facts.graceUntil;
  return row;
}

function fromRow(row: Selectable<ScreensharesTable>): StoredScreenshare {
  return {
    session: {
      id: row.id,
      chat: { kind: row.chat_kind === 'staff' ? 'staff' : 'patron', id: row.chat_id },
      direction: screenshareDirectionSchema.parse(row.direction),
      state: screenshareStateSchema.parse(row.state),
      host: { kind: 'operator', id: row.host_id, name: row.host_name },
      guest: { kind: row.guest_kind === 'operator' ? 'operator' : 'patron', id: row.guest_id, name: row.guest_name },
      requestedAt: row.requested_at,
      expiresAt: row.expires_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      endReason: row.end_reason === null ? null : screenshareEndReasonSchema.parse(row.end_reason),
      endedBy: row.ended_by,
      sourceLabel: row.source_label,
      guestReady: row.guest_socket !== null,
    },
    hostSocket: row.host_socket,
    guestSocket: row.guest_socket,
    windowKeyHash: row.window_key_hash,
    graceUntil: row.grace_until,
    version: row.version,
  };
}

/** A patron chat's screenshare that started or ended with this change goes in the reports' log. */
async function logScreenshareStep(
  db: Kysely<DeskbellTables>,
  before: ScreenshareSession,
  after: ScreenshareSession,
): Promise<void> {
  if (after.chat.kind !== 'patron') return;
  if (before.startedAt === null && after.startedAt !== null) {
    await recordChatEvent(db, {
      at: after.startedAt,
      kind: LOGGED_EVENT_KINDS.screenshareStarted,
      chatId: after.chat.id,
      actorId: after.host.id,
      detail: after.direction,
    });
  }
  if (before.endedAt === null && after.endedAt !== null && after.startedAt !== null) {
    await recordChatEvent(db, {
      at: after.endedAt,
      kind: LOGGED_EVENT_KINDS.screenshareEnded,
      chatId: after.chat.id,
      actorId: after.host.id,
      value: after.endedAt - after.startedAt,
    });
  }
}
