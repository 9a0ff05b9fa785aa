import type { OperatorStatus, PresenceSnapshot } from '../../../src/protocol';
import type { TrayPort } from './ports';
import { computeTrayModel, type TrayMenuItem, type TrayModel, type TrayState } from './tray-model';

export interface TrayPresenterOptions {
  tray: TrayPort;
  /** The dock / launcher badge, the Windows taskbar overlay (WindowService.setBadgeCount). */
  setBadgeCount: (count: number) => void;
  /** The operator picked a status in the tray menu. */
  chooseStatus: (status: OperatorStatus) => void;
  showWindow: () => void;
  quit: () => void;
}

/** Before the console reports anything: not signed in, so Offline and not connected. */
const INITIAL_STATE: TrayState = { status: 'offline', connected: false, waiting: 0 };

/**
 * Keeps the tray icon, its tooltip and menu, and the badge in step with the operator's
 * presence, after Signal's SystemTrayService: each setter returns early when
 * nothing changed, and one idempotent render() brings the native parts up to
 * date, touching only what differs from what they already show.
 */
export class TrayPresenter {
  private state: TrayState = INITIAL_STATE;
  private shown: TrayModel | null = null;
  private shownMenuKey: string | null = null;

  constructor(private readonly options: TrayPresenterOptions) {}

  setPresence(presence: PresenceSnapshot): void {
    const { status, connected, waiting, unread = 0 } = this.state;
    const next = { status: presence.status, connected: presence.connected, waiting: presence.waiting };
    const nextUnread = presence.unread ?? 0;
    if (next.status === status && next.connected === connected && next.waiting === waiting && nextUnread === unread) {
      return;
    }
    this.state = { ...next, unread: nextUnread };
    this.render();
  }

  setStatus(status: OperatorStatus): void {
    if (status === this.state.status) return;
    this.state = { ...this.state, status };
    this.render();
  }

  setConnected(connected: boolean): void {
    if (connected === this.state.connected) return;
    this.state = { ...this.state, connected };
    this.render();
  }

  setWaitingCount(waiting: number): void {
    if (waiting === this.state.waiting) return;
    this.state = { ...this.state, waiting };
    this.render();
  }

  /** What the tray shows now (for tests and the window's title, say). */
  model(): TrayModel {
    return computeTrayModel(this.state);
  }

  /** Brings the tray and the badge up to date; calling it again changes nothing. */
  render(): void {
    const next = this.model();
    const before = this.shown;
    const { tray, setBadgeCount } = this.options;
    if (before?.icon !== next.icon) tray.setIcon(next.icon);
    if (before?.tooltip !== next.tooltip) tray.setToolTip(next.tooltip);
    const menuKey = JSON.stringify(next.menu);
    if (menuKey !== this.shownMenuKey) {
      tray.setMenu(next.menu, (item) => this.choose(item));
      this.shownMenuKey = menuKey;
    }
    if (before?.badge.count !== next.badge.count) setBadgeCount(next.badge.count);
    this.shown = next;
  }

  /** A click on the tray icon shows the window. */
  clicked(): void {
    this.options.showWindow();
  }

  /** The operator picked a menu item. */
  choose(item: TrayMenuItem): void {
    switch (item.kind) {
      case 'status':
        this.options.chooseStatus(item.status);
        // The native menu already ticked the picked item; until the console confirms the
        // change, put the tick back on the status the operator really has.
        this.shownMenuKey = null;
        this.render();
        return;
      case 'show':
        this.options.showWindow();
        return;
      case 'quit':
        this.options.quit();
        return;
      case 'separator':
        return;
    }
  }
}
