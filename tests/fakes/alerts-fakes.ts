import type { DisplayInfo, Rectangle } from '../../electron/main/alerts/placement';
import type {
  AlertWindowFactory,
  AlertWindowHandle,
  ScreenPort,
  SystemNotifierPort,
} from '../../electron/main/alerts/ports';

/** A pop-up window that records what the service did to it. */
export class FakeAlertWindow implements AlertWindowHandle {
  bounds: Rectangle;
  closed = false;
  moves = 0;

  constructor(
    readonly senderId: number,
    bounds: Rectangle,
    private readonly onClosed: () => void,
  ) {
    this.bounds = bounds;
  }

  setBounds(bounds: Rectangle): void {
    if (this.closed) throw new Error('setBounds on a closed pop-up');
    this.bounds = bounds;
    this.moves += 1;
  }

  close(): void {
    this.closed = true;
  }

  /** The OS (or a crash) closes the window without the service asking. */
  closeFromOutside(): void {
    this.closed = true;
    this.onClosed();
  }
}

export class FakeAlertWindowFactory implements AlertWindowFactory {
  readonly opened: FakeAlertWindow[] = [];
  private nextSenderId = 100;
  failNext = false;

  open(options: { bounds: Rectangle; onClosed: () => void }): FakeAlertWindow {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the window could not be created');
    }
    const window = new FakeAlertWindow(this.nextSenderId++, options.bounds, options.onClosed);
    this.opened.push(window);
    return window;
  }

  /** Pop-ups still on screen, in the order they opened. */
  showing(): FakeAlertWindow[] {
    return this.opened.filter((window) => !window.closed);
  }
}

export class FakeScreen implements ScreenPort {
  private listeners = new Set<() => void>();

  constructor(public current: DisplayInfo[]) {}

  displays(): DisplayInfo[] {
    return this.current;
  }

  onDisplaysChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Plug in, unplug or rearrange monitors. */
  change(displays: DisplayInfo[]): void {
    this.current = displays;
    for (const listener of this.listeners) listener();
  }

  listenerCount(): number {
    return this.listeners.size;
  }
}

export class FakeSystemNotifier implements SystemNotifierPort {
  readonly notices: Array<{ id: string; title: string; message: string }> = [];
  fail = false;

  notify(n: { id: string; title: string; message: string }): Promise<void> {
    if (this.fail) return Promise.reject(new Error('no notification daemon'));
    this.notices.push(n);
    return Promise.resolve();
  }
}

/** A display as Electron reports it: the taskbar is what the work area leaves out. */
export function display(
  id: number,
  bounds: Rectangle,
  workArea: Rectangle,
  options: { scaleFactor?: number; primary?: boolean } = {},
): DisplayInfo {
  return { id, bounds, workArea, scaleFactor: options.scaleFactor ?? 1, primary: options.primary ?? false };
}
