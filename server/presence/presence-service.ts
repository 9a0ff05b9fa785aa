import { takesPatronChats } from '../../src/domain/presence';
import type { OperatorPresence, OperatorStatus } from '../../src/protocol/models';
import type { Account, AccountRepository } from '../auth/account-repository';
import { census, everySocketOrRetry, ONE_NODE, whereabouts, type ClusterWatch } from '../cluster/census';
import type { StatusLog } from '../reports/status-log';
import { rooms } from '../sockets/rooms';
import type { OperatorNamespace, OperatorSocket } from '../sockets/socket-types';

export interface PresenceOptions {
  /** How long a gone connection keeps its status before the operator shows Offline. */
  graceMs?: number;
  now?: () => number;
  /** Where effective status changes that are not a choice (a connection lost or back) are logged for reports. */
  statusLog?: StatusLog;
  /** Whether a cluster-wide answer can say "nobody" (census.ts); alone, always. */
  watch?: ClusterWatch;
}

const DEFAULT_GRACE_MS = 15_000;
/** When the grace is over but the cluster's answer was unsure: ask again after this. */
const SETTLE_RETRY_MS = 2_000;

/**
 * Presence lives in rooms: an Online operator's sockets are in `online:<dept>`
 * for each department they monitor. A department is available when that room
 * has any socket, asked with fetchSockets so it also counts other server nodes.
 * The chosen status is stored on the account so a reconnect restores it.
 *
 * What colleagues see (the Operators list) is the server's view: the stored
 * status while a connection is up or was lost less than the grace period ago,
 * Offline after that. Every change is broadcast as `operators:presence`.
 */
export class PresenceService {
  /** Accounts whose last socket on this node went away, and when. */
  private readonly goneSince = new Map<string, number>();
  private readonly graceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Accounts with a console on some node at the last sweep (or gone while the cluster's answer was unsure). */
  private seenAtLastSweep = new Set<string>();
  private readonly graceMs: number;
  private readonly now: () => number;
  private readonly statusLog: StatusLog | undefined;
  private readonly watch: ClusterWatch;

  constructor(
    private readonly operators: OperatorNamespace,
    private readonly accounts: AccountRepository,
    options: PresenceOptions = {},
  ) {
    this.graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.now = options.now ?? Date.now;
    this.statusLog = options.statusLog;
    this.watch = options.watch ?? ONE_NODE;
  }

  /**
   * Whether an operator monitoring the department is Online right now, on any node; 'unsure' while
   * the cluster cannot answer for every node (the widget then offers chat, and no alarm is raised).
   */
  departmentOnline(departmentId: string): Promise<'connected' | 'gone' | 'unsure'> {
    return whereabouts(this.watch, this.operators.in(rooms.online(departmentId)));
  }

  /** Puts a newly connected socket in the online rooms its account's stored status calls for. */
  joinOnlineRooms(socket: OperatorSocket, account: Account): void {
    if (takesPatronChats(account.status)) void socket.join(account.departmentIds.map(rooms.online));
  }

  /** Stores the status and moves every socket of the account (on any node) in or out of the online rooms. */
  async setStatus(account: Account, status: OperatorStatus): Promise<void> {
    await this.accounts.setStatus(account.id, status, this.now());
    account.status = status;
    const own = this.operators.in(rooms.operator(account.id));
    const onlineRooms = account.departmentIds.map(rooms.online);
    if (onlineRooms.length > 0) {
      if (takesPatronChats(status)) own.socketsJoin(onlineRooms);
      else own.socketsLeave(onlineRooms);
    }
    this.operators.to(rooms.operator(account.id)).emit('status:changed', { status });
    this.announce(this.describe(account, true));
  }

  /** A socket of the account connected: it is present again. */
  connected(account: Account): void {
    this.goneSince.delete(account.id);
    this.clearTimer(account.id);
    this.statusLog?.note(account.id, account.status);
    this.announce(this.describe(account, true));
  }

  /**
   * A socket of the account went away; when it was the last one, colleagues see it now and Offline
   * after the grace. True when it was the last one.
   */
  async disconnected(accountId: string): Promise<boolean> {
    const where = await whereabouts(this.watch, this.operators.in(rooms.operator(accountId)));
    if (where === 'unsure') {
      // Another node may still have a console of theirs: the next sure sweep decides.
      this.seenAtLastSweep.add(accountId);
      return false;
    }
    if (where === 'connected') return false;
    const account = await this.accounts.findById(accountId);
    if (!account?.active) return false;
    this.goneSince.set(accountId, this.now());
    this.announce(this.describe(account, false));
    this.startGrace(accountId, this.graceMs);
    return true;
  }

  private startGrace(accountId: string, ms: number): void {
    this.clearTimer(accountId);
    const timer = setTimeout(() => {
      this.graceTimers.delete(accountId);
      // A rejection here would be unhandled and end the process: a database blip only delays the Offline.
      this.graceOver(accountId).catch(() => undefined);
    }, ms);
    timer.unref?.();
    this.graceTimers.set(accountId, timer);
  }

  private async graceOver(accountId: string): Promise<void> {
    const where = await whereabouts(this.watch, this.operators.in(rooms.operator(accountId)));
    if (where === 'connected' || !this.goneSince.has(accountId)) return;
    // Not every node answered: ask again a moment later rather than call somebody Offline on a guess.
    if (where === 'unsure') return this.startGrace(accountId, SETTLE_RETRY_MS);
    const account = await this.accounts.findById(accountId);
    // The timer fired after the grace period: Offline, whatever the clock's rounding says.
    if (!account) return;
    this.statusLog?.note(accountId, 'offline');
    this.announce({ ...this.describe(account, false), status: 'offline' });
  }

  /** The Operators list: every account as colleagues see it now. */
  async list(): Promise<OperatorPresence[]> {
    const [accounts, sockets] = await Promise.all([this.accounts.listAll(), everySocketOrRetry(this.operators)]);
    const connected = new Set(sockets.map((socket) => socket.data.accountId));
    return accounts.map((account) => this.describe(account, connected.has(account.id)));
  }

  /** One account's presence as colleagues see it. */
  async presenceOf(accountId: string): Promise<OperatorPresence | undefined> {
    const account = await this.accounts.findById(accountId);
    if (!account) return undefined;
    const sockets = await everySocketOrRetry(this.operators.in(rooms.operator(accountId)));
    return this.describe(account, sockets.length > 0);
  }

  private describe(account: Account, connected: boolean): OperatorPresence {
    const gone = this.goneSince.get(account.id);
    const withinGrace = gone !== undefined && this.now() - gone < this.graceMs;
    return {
      id: account.id,
      displayName: account.displayName,
      role: account.role,
      status: connected || withinGrace ? account.status : 'offline',
      connected,
      departmentIds: account.departmentIds,
    };
  }

  private announce(presence: OperatorPresence): void {
    this.operators.emit('operators:presence', presence);
  }

  private clearTimer(accountId: string): void {
    const timer = this.graceTimers.get(accountId);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(accountId);
  }

  /** The account was deactivated: no grace, Offline to everyone at once (and gone from their lists at the next sync). */
  removed(accountId: string): void {
    this.clearTimer(accountId);
    this.statusLog?.note(accountId, 'offline');
    this.goneSince.delete(accountId);
    void this.accounts.findById(accountId).then(
      (account) => account && this.announce({ ...this.describe(account, false), status: 'offline' }),
      () => undefined,
    );
  }

  /**
   * The upkeep's sweep (every presenceSweepMs, every node): an account that had a console at the
   * last sweep and has none on any node now, without this node having seen it go, left through a
   * node that stopped without telling (kill -9, a lost machine). Colleagues are told as for any
   * lost connection: now, and Offline after the grace. Other nodes may tell them too; the Operators
   * list keeps the latest, and a grace timer finds the account back if it reconnected meanwhile.
   */
  async sweep(): Promise<void> {
    const { sockets, complete } = await census(this.watch, this.operators);
    // Not every node answered: nobody can be said to have vanished this time.
    if (!complete) return;
    const seen = new Set(sockets.map((socket) => socket.data.accountId));
    const vanished = [...this.seenAtLastSweep].filter((id) => !seen.has(id) && !this.goneSince.has(id));
    this.seenAtLastSweep = seen;
    for (const accountId of vanished) await this.disconnected(accountId);
  }

  /** Stops the grace timers (the server is closing). */
  stop(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }
}
