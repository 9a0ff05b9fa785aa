/**
 * The native parts the alerts feature needs, as ports: the Electron adapters
 * (electron-alert-window.ts, electron-screen.ts) and the node-notifier adapter
 * implement them; tests use the fakes in tests/fakes/alerts-*.ts.
 */
import type { DisplayInfo, Rectangle } from './placement';

/** The operating system's own notifications (the `alertStyle: 'system'` setting). */
export interface SystemNotifierPort {
  notify(n: { id: string; title: string; message: string }): Promise<void>;
}

/** One open pop-up window. */
export interface AlertWindowHandle {
  /** The id IPC reports as the sender when this pop-up's page calls main (its webContents id). */
  readonly senderId: number;
  setBounds(bounds: Rectangle): void;
  close(): void;
}

/** Opens pop-up windows: always on top, frameless, never focused, shown without activation. */
export interface AlertWindowFactory {
  open(options: {
    bounds: Rectangle;
    /** Called once if the window goes away by itself (closed by the OS or crashed), not after close(). */
    onClosed: () => void;
  }): AlertWindowHandle;
}

/** The displays, as Electron's screen module sees them. */
export interface ScreenPort {
  displays(): DisplayInfo[];
  /** A display was added, removed, moved, rescaled, or its taskbar moved. */
  onDisplaysChanged(listener: () => void): () => void;
}
