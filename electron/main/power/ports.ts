/**
 * The machine's power and network state, as ports: electron-power.ts and
 * electron-network.ts implement them with Electron's powerMonitor and net;
 * tests drive the fakes in tests/fakes/power-*.ts.
 */

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

export interface PowerMonitorPort {
  onLockScreen(listener: () => void): Unsubscribe;
  onUnlockScreen(listener: () => void): Unsubscribe;
  onSuspend(listener: () => void): Unsubscribe;
  onResume(listener: () => void): Unsubscribe;
  /** Seconds since the last keyboard or mouse input. */
  idleSeconds(): number;
  /** True while the screen is locked (some desktops never send unlock-screen; polling this covers them). */
  isScreenLocked(): boolean;
}

export interface NetworkPort {
  /** Whether the machine has any network at all. */
  isOnline(): boolean;
  /** The machine's current network addresses; a different set means a different network. */
  addresses(): string[];
}
