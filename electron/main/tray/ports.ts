/**
 * The native parts the tray feature needs, as ports: electron-tray.ts and its
 * siblings implement them; tests use the fakes in tests/fakes/tray-*.ts.
 */
import type { TrayIconName, TrayMenuItem } from './tray-model';

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

/** The tray (notification area / menu bar) icon. */
export interface TrayPort {
  setIcon(icon: TrayIconName): void;
  setToolTip(text: string): void;
  /** Replaces the context menu; `onChoose` is called with the item the operator picked. */
  setMenu(items: readonly TrayMenuItem[], onChoose: (item: TrayMenuItem) => void): void;
  /** A click on the icon itself (Windows and Linux show the window on it). */
  onClick(listener: () => void): Unsubscribe;
  destroy(): void;
}

/** Quitting for real (closing the window only hides it to the tray; app.quit() tells the window service). */
export interface AppQuitPort {
  quit(): void;
}
