import type { DisplayInfo, Rectangle } from '../../electron/main/windows/geometry';
import type {
  MainWindowOptions,
  NativeWindow,
  Preventable,
  WindowEvent,
  WindowPorts,
} from '../../electron/main/windows/window-ports';

/** A display helper: a monitor at (x, y) of this size whose taskbar takes `taskbar` px at the bottom. */
export function display(id: number, bounds: Rectangle, taskbar = 40, scaleFactor = 1): DisplayInfo {
  return { id, bounds, workArea: { ...bounds, height: bounds.height - taskbar }, scaleFactor };
}

/** A BrowserWindow stand-in that behaves as far as the window service can tell. */
export class FakeNativeWindow implements NativeWindow {
  private static nextId = 100;
  readonly webContentsId = FakeNativeWindow.nextId++;
  bounds: Rectangle;
  normalBounds: Rectangle;
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  flashing = false;
  overlay: { description: string } | null = null;
  loadedUrl: string | null = null;
  reloads = 0;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly calls: string[] = [];
  private readonly listeners = new Map<string, ((event: Preventable) => void)[]>();

  constructor(readonly options: MainWindowOptions) {
    this.bounds = { ...options.bounds };
    this.normalBounds = { ...options.bounds };
  }

  getNormalBounds(): Rectangle {
    return { ...this.normalBounds };
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {
    this.calls.push('show');
    this.visible = true;
  }
  hide(): void {
    this.calls.push('hide');
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.calls.push('focus');
    this.focused = true;
    this.emit('focus');
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  maximize(): void {
    this.calls.push('maximize');
    this.maximized = true;
    this.visible = true;
  }
  reload(): void {
    this.reloads += 1;
  }
  flashFrame(on: boolean): void {
    this.calls.push(`flash:${String(on)}`);
    this.flashing = on;
  }
  setOverlayBadge(badge: { description: string } | null): void {
    this.overlay = badge;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  on(event: 'close' | WindowEvent, listener: (event: Preventable) => void): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
  }

  /** Fires an event as Electron would; for 'close', says whether the close went ahead. */
  emit(event: 'close' | WindowEvent): boolean {
    let prevented = false;
    const veto: Preventable = { preventDefault: () => (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) listener(veto);
    return !prevented;
  }

  /** The operator clicks the window's close button: it closes unless the service prevents it. */
  userCloses(): boolean {
    const closes = this.emit('close');
    if (closes) {
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
    }
    return closes;
  }

  /** The operator drags the window somewhere. */
  moveTo(bounds: Rectangle): void {
    this.bounds = { ...bounds };
    this.normalBounds = { ...bounds };
    this.emit('moved');
  }
}

/** Every native part the window service uses, recorded. */
export class FakeWindowPorts implements WindowPorts {
  platform: NodeJS.Platform = 'linux';
  screens: DisplayInfo[] = [display(1, { x: 0, y: 0, width: 1920, height: 1080 })];
  primaryId = 1;
  readonly windows: FakeNativeWindow[] = [];
  readonly loginItem: boolean[] = [];
  readonly badgeCounts: number[] = [];
  readonly hints: { title: string; body: string }[] = [];
  quits = 0;
  private readonly beforeQuit: (() => void)[] = [];
  private readonly secondInstance: (() => void)[] = [];
  private readonly activate: (() => void)[] = [];

  get lastWindow(): FakeNativeWindow {
    const window = this.windows.at(-1);
    if (!window) throw new Error('no window was created');
    return window;
  }

  createMainWindow(options: MainWindowOptions): FakeNativeWindow {
    const window = new FakeNativeWindow(options);
    this.windows.push(window);
    return window;
  }
  displays(): { all: DisplayInfo[]; primary: DisplayInfo } {
    const primary = this.screens.find((screen) => screen.id === this.primaryId) ?? this.screens[0];
    if (!primary) throw new Error('no displays');
    return { all: this.screens, primary };
  }
  setOpenAtLogin(openAtLogin: boolean): void {
    this.loginItem.push(openAtLogin);
  }
  setAppBadgeCount(count: number): void {
    this.badgeCounts.push(count);
  }
  quit(): void {
    this.quits += 1;
    // app.quit() emits before-quit, then closes every window.
    this.fireBeforeQuit();
    for (const window of this.windows) if (!window.destroyed) window.userCloses();
  }
  showHint(hint: { title: string; body: string }): void {
    this.hints.push(hint);
  }
  onBeforeQuit(listener: () => void): void {
    this.beforeQuit.push(listener);
  }
  onSecondInstance(listener: () => void): void {
    this.secondInstance.push(listener);
  }
  onActivate(listener: () => void): void {
    this.activate.push(listener);
  }
  fireBeforeQuit(): void {
    for (const listener of this.beforeQuit) listener();
  }
  fireSecondInstance(): void {
    for (const listener of this.secondInstance) listener();
  }
  fireActivate(): void {
    for (const listener of this.activate) listener();
  }
}
