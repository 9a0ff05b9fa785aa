import type { AlertAction, DesktopSettings, InvokeResponse, PopupAction } from '../../../src/protocol';
import { placeAlertWindows, type Rectangle } from './placement';
import type { AlertWindowFactory, AlertWindowHandle, ScreenPort, SystemNotifierPort } from './ports';
import { systemNotice } from './system-notice';

/** A new-chat alert as main holds it: parsed, with its note filled in (null when none). */
export type ShownAlert = NonNullable<InvokeResponse<'alerts/popup-ready'>>;

/** The pop-up's designed size in DIP; alert.html is laid out for it. */
export const POPUP_SIZE = { width: 360, height: 132 } as const;
/** Space between pop-ups and from the work area's edges, in DIP. */
export const POPUP_GAP = 8;
/** More than this at once hides the console they belong to; the rest wait their turn. */
export const MAX_VISIBLE_POPUPS = 4;
/**
 * Dismissed chats remembered, newest kept: far more than ever wait at once, so
 * a resync never re-pops one, and a pop-up closed from outside whose chat the
 * console never clears is forgotten eventually instead of kept all day.
 */
export const DISMISSED_REMEMBERED = 200;

export interface AlertServiceOptions {
  windows: AlertWindowFactory;
  screen: ScreenPort;
  notifier: SystemNotifierPort;
  /** The main window's bounds, to pick the display the librarian works on. */
  mainWindowBounds: () => Rectangle | null;
  showMainWindow: () => void;
  /** Tells the console the operator clicked Claim Chat or Preview on a pop-up. */
  emitAction: (action: AlertAction) => void;
  /** Read at every alert, so a Settings change applies to the next chat. */
  alertStyle: () => DesktopSettings['alertStyle'];
  /** Reports what went wrong without stopping the alerts that still work. */
  warn: (message: string, error?: unknown) => void;
}

interface OpenAlert {
  alert: ShownAlert;
  /** Null while it waits for room on the screen. */
  window: AlertWindowHandle | null;
  bounds: Rectangle | null;
}

/**
 * Decides which new-chat pop-ups are open and where. A pop-up stays until its
 * chat is claimed (by anyone), ended, or dismissed: no timeout, because a
 * librarian away from the desk must still find it on return. Pop-ups never
 * take focus (the window adapter opens them inactive), so typing in another
 * program is never interrupted.
 */
export class AlertService {
  /** Open alerts, oldest first: the oldest sits nearest the corner. */
  private readonly open: OpenAlert[] = [];
  /** Chats the operator dismissed: a resync that reports them again must not re-pop them. */
  private readonly dismissed = new Set<string>();
  private readonly stopWatchingScreen: () => void;

  constructor(private readonly options: AlertServiceOptions) {
    this.stopWatchingScreen = options.screen.onDisplaysChanged(() => this.layout());
  }

  /** A new patron chat: pops it up (or hands it to the OS's notifications, by setting). */
  show(alert: ShownAlert): void {
    if (this.dismissed.has(alert.chatId)) return;
    if (this.options.alertStyle() === 'system') {
      this.options.notifier
        .notify(systemNotice(alert))
        .catch((error: unknown) => this.options.warn('The system notification did not show', error));
      return;
    }
    const existing = this.find(alert.chatId);
    if (existing) {
      // The same chat reported again (a transfer, a resync): freshen its text, keep its place.
      existing.alert = alert;
      return;
    }
    this.open.push({ alert, window: null, bounds: null });
    this.layout();
  }

  /** The chat was claimed (by anyone) or ended: its pop-up goes and the rest move down. */
  clear(chatId: string): void {
    this.dismissed.delete(chatId);
    this.remove(chatId);
  }

  /**
   * A click on a pop-up. Only the pop-up showing that chat may act for it:
   * another window naming the chat is ignored.
   */
  popupAction(senderId: number, action: PopupAction): void {
    const entry = this.find(action.chatId);
    if (!entry || entry.window?.senderId !== senderId) {
      this.options.warn(`Ignored a pop-up action for chat ${action.chatId} from a window that does not show it`);
      return;
    }
    if (action.action === 'dismiss') {
      this.dismiss(action.chatId);
      return;
    }
    // The pop-up stays: the console clears it once the claim is settled (won or lost), or the chat is read.
    const kind = entry.alert.kind;
    const open = kind === 'staff-message' ? 'open-staff-chat' : kind === 'desk-alarm' ? 'open-desk' : 'open-chat';
    this.options.emitAction({ chatId: action.chatId, action: action.action === 'open' ? open : action.action });
    this.options.showMainWindow();
  }

  /** The pop-up page asks which alert it shows; null for any other window. */
  alertFor(senderId: number): ShownAlert | null {
    return this.open.find((entry) => entry.window?.senderId === senderId)?.alert ?? null;
  }

  /** Chat ids with a pop-up on screen, oldest first (for the tray and tests). */
  visible(): string[] {
    return this.open.filter((entry) => entry.window).map((entry) => entry.alert.chatId);
  }

  /** How many alerts are held and how many dismissed chats remembered (tests of a long day). */
  sizes(): { open: number; dismissed: number } {
    return { open: this.open.length, dismissed: this.dismissed.size };
  }

  /** Closes every pop-up and stops watching the screen (on quit). */
  dispose(): void {
    this.stopWatchingScreen();
    for (const entry of this.open.splice(0)) entry.window?.close();
  }

  /** Brings every pop-up to where placement says it belongs; opens those that now have room. */
  layout(): void {
    const placement = placeAlertWindows({
      displays: this.options.screen.displays(),
      mainWindow: this.options.mainWindowBounds(),
      popupSize: POPUP_SIZE,
      gap: POPUP_GAP,
      alerts: this.open.map((entry) => entry.alert.chatId),
      maxVisible: MAX_VISIBLE_POPUPS,
    });
    const boundsById = new Map(placement.placed.map((placed) => [placed.chatId, placed.bounds]));
    for (const entry of this.open) {
      const bounds = boundsById.get(entry.alert.chatId) ?? null;
      if (!bounds) {
        // No room any more (a display went away): it waits again, and shows as room frees.
        entry.window?.close();
        entry.window = null;
        entry.bounds = null;
      } else if (!entry.window) {
        entry.window = this.openWindow(entry, bounds);
        entry.bounds = bounds;
      } else if (!sameRectangle(entry.bounds, bounds)) {
        entry.window.setBounds(bounds);
        entry.bounds = bounds;
      }
    }
  }

  private openWindow(entry: OpenAlert, bounds: Rectangle): AlertWindowHandle | null {
    const chatId = entry.alert.chatId;
    try {
      return this.options.windows.open({
        bounds,
        // Closed from outside (the OS, a crash): treat it as dismissed so it does not reopen in a loop.
        onClosed: () => {
          if (this.find(chatId)?.window !== entry.window) return;
          entry.window = null;
          this.dismiss(chatId);
        },
      });
    } catch (error) {
      this.options.warn(`The pop-up for chat ${chatId} could not open`, error);
      return null;
    }
  }

  private dismiss(chatId: string): void {
    this.dismissed.delete(chatId);
    this.dismissed.add(chatId);
    // A Set iterates oldest first: the oldest remembered goes.
    for (const oldest of this.dismissed) {
      if (this.dismissed.size <= DISMISSED_REMEMBERED) break;
      this.dismissed.delete(oldest);
    }
    this.remove(chatId);
  }

  private remove(chatId: string): void {
    const index = this.open.findIndex((entry) => entry.alert.chatId === chatId);
    if (index < 0) return;
    const [entry] = this.open.splice(index, 1);
    entry?.window?.close();
    this.layout();
  }

  private find(chatId: string): OpenAlert | undefined {
    return this.open.find((entry) => entry.alert.chatId === chatId);
  }
}

function sameRectangle(a: Rectangle | null, b: Rectangle): boolean {
  return !!a && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
