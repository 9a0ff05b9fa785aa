import type { DesktopSettings, OperatorStatus, PresenceSnapshot, StatusRequest } from '../../../src/protocol';
import type { Cancel, Clock } from '../clock';
import type { PowerMonitorPort, Unsubscribe } from './ports';

/** How often the idle time is read. */
export const IDLE_POLL_MS = 15_000;

export interface AutoAwayOptions {
  power: PowerMonitorPort;
  clock: Clock;
  /** Read at every decision, so a Settings change applies at the next poll. */
  autoAwayMinutes: () => DesktopSettings['autoAwayMinutes'];
  /** Asks the console to change status (`presence/status-request`). */
  requestStatus: (request: StatusRequest) => void;
}

/**
 * Why the operator is Away, as far as this service knows:
 * - 'none': not Away because of us (Online, Internal, Offline, or Away chosen by hand);
 * - 'pending': we asked for Away and the console has not reported it yet;
 * - 'automatic': Away because we asked, so coming back may undo it.
 */
type AutoState = 'none' | 'pending' | 'automatic';

/**
 * Auto-away, after Rocket.Chat's userPresence: locking the screen, suspending,
 * or no input for `autoAwayMinutes` turns Online into Away; unlocking, resuming
 * or using the machine again turns it back to Online, but only when the Away
 * was automatic. Away chosen by hand is never undone, and Internal and Offline
 * are never touched. `autoAwayMinutes: 0` turns all of it off.
 */
export class AutoAway {
  private status: OperatorStatus | null = null;
  private state: AutoState = 'none';
  private locked = false;
  private readonly unsubscribe: Array<Unsubscribe | Cancel>;

  constructor(private readonly options: AutoAwayOptions) {
    const { power, clock } = options;
    this.unsubscribe = [
      power.onLockScreen(() => {
        this.locked = true;
        this.goAway();
      }),
      power.onSuspend(() => this.goAway()),
      power.onUnlockScreen(() => {
        this.locked = false;
        this.comeBack();
      }),
      // A laptop that wakes to its lock screen stays Away until it is unlocked.
      power.onResume(() => {
        this.locked = power.isScreenLocked();
        this.comeBack();
      }),
      clock.setInterval(() => this.poll(), IDLE_POLL_MS),
    ];
  }

  /** The console's presence report: how a status chosen by hand becomes known. */
  report(presence: Pick<PresenceSnapshot, 'status'>): void {
    const status = presence.status;
    this.status = status;
    if (status === 'away') {
      if (this.state === 'pending') this.state = 'automatic';
      return;
    }
    // While our request is on its way, a report of Online is the console's old state, not a choice.
    if (this.state === 'pending' && status === 'online') return;
    // Anything else was chosen by hand (tray, console): it cancels the automatic Away.
    this.state = 'none';
  }

  /** True while the operator is Away because of this service. */
  isAutomaticAway(): boolean {
    return this.state !== 'none';
  }

  dispose(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  private poll(): void {
    const minutes = this.options.autoAwayMinutes();
    const idle = this.options.power.idleSeconds();
    if (this.state === 'none') {
      if (minutes > 0 && idle >= minutes * 60) this.goAway();
      return;
    }
    // Input since the Away began: the librarian is back (unless the screen is still locked).
    // Auto-away turned off meanwhile still lets the automatic Away end, on input since the last poll.
    const threshold = minutes > 0 ? minutes * 60 : IDLE_POLL_MS / 1000;
    if (idle < threshold && !this.options.power.isScreenLocked()) {
      this.locked = false;
      this.comeBack();
    }
  }

  private goAway(): void {
    if (this.options.autoAwayMinutes() <= 0) return;
    if (this.status !== 'online' || this.state !== 'none') return;
    this.state = 'pending';
    this.options.requestStatus({ status: 'away', reason: 'auto-away' });
  }

  private comeBack(): void {
    if (this.state === 'none' || this.locked) return;
    this.state = 'none';
    this.options.requestStatus({ status: 'online', reason: 'auto-return' });
  }
}
