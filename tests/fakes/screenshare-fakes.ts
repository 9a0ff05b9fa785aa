import type { SharingBar } from '../../src/protocol';
import type { Rectangle } from '../../electron/main/windows/geometry';
import type {
  CaptureSource,
  CaptureSourcesPort,
  ConsolePagePort,
  DisplayMediaAnswer,
  DisplayMediaPort,
  DisplayMediaRequest,
  PickerWindowFactory,
  PickerWindowHandle,
  SharingBarFactory,
  SharingBarHandle,
} from '../../electron/main/screenshare/ports';

/** session.setDisplayMediaRequestHandler: the test plays the page calling getDisplayMedia. */
export class FakeDisplayMedia implements DisplayMediaPort {
  handler: ((request: DisplayMediaRequest) => Promise<DisplayMediaAnswer>) | null = null;

  /** @param consoleId the console window's webContents id: requests come from it unless told otherwise. */
  constructor(public consoleId = 1) {}

  setRequestHandler(handler: (request: DisplayMediaRequest) => Promise<DisplayMediaAnswer>): () => void {
    this.handler = handler;
    return () => {
      this.handler = null;
    };
  }

  /** getDisplayMedia from the console window at the app's console page, during a click. */
  ask(overrides: Partial<DisplayMediaRequest> = {}): Promise<DisplayMediaAnswer> {
    if (!this.handler) throw new Error('no display-media handler is installed');
    return this.handler({
      senderId: this.consoleId,
      frameUrl: 'deskbell-app://console/index.html',
      isMainFrame: true,
      securityOrigin: 'deskbell-app://console',
      videoRequested: true,
      audioRequested: false,
      userGesture: true,
      ...overrides,
    });
  }
}

export const SCREEN_LEFT: CaptureSource = {
  id: 'screen:1:0',
  name: 'Screen 1',
  kind: 'screen',
  displayId: '11',
  thumbnail: 'data:image/png;base64,iVBORw0KGgo=',
};
export const SCREEN_RIGHT: CaptureSource = {
  id: 'screen:2:0',
  name: 'Screen 2',
  kind: 'screen',
  displayId: '22',
  thumbnail: 'data:image/png;base64,iVBORw0KGgo=',
};
export const CATALOGUE_WINDOW: CaptureSource = {
  id: 'window:4242:0',
  name: 'Library catalogue – Firefox',
  kind: 'window',
  displayId: null,
  thumbnail: 'data:image/jpeg;base64,/9j/4AAQ',
};

/** desktopCapturer.getSources: answers what `current` holds, or fails when told to. */
export class FakeCaptureSources implements CaptureSourcesPort {
  current: CaptureSource[] = [SCREEN_LEFT, SCREEN_RIGHT, CATALOGUE_WINDOW];
  fail = false;
  readonly asked: Array<{ width: number; height: number }> = [];

  list(options: { thumbnailSize: { width: number; height: number } }): Promise<CaptureSource[]> {
    this.asked.push(options.thumbnailSize);
    if (this.fail) return Promise.reject(new Error('the screen capturer is unavailable'));
    return Promise.resolve(this.current);
  }
}

export class FakePickerWindow implements PickerWindowHandle {
  closed = false;
  focused = 0;

  constructor(
    readonly senderId: number,
    readonly bounds: Rectangle,
    private readonly onClosed: () => void,
  ) {}

  focus(): void {
    this.focused += 1;
  }

  close(): void {
    this.closed = true;
  }

  /** The operator closes the picker with its close button (or the OS does). */
  closeFromOutside(): void {
    this.closed = true;
    this.onClosed();
  }
}

export class FakePickerWindows implements PickerWindowFactory {
  readonly opened: FakePickerWindow[] = [];
  private nextSenderId = 3000;

  open(options: { bounds: Rectangle; onClosed: () => void }): FakePickerWindow {
    const window = new FakePickerWindow(this.nextSenderId++, options.bounds, options.onClosed);
    this.opened.push(window);
    return window;
  }

  /** The picker on screen, if one is. */
  showing(): FakePickerWindow | undefined {
    return this.opened.find((window) => !window.closed);
  }
}

export class FakeSharingBar implements SharingBarHandle {
  closed = false;
  readonly texts: SharingBar[];

  constructor(
    readonly senderId: number,
    public bounds: Rectangle,
    bar: SharingBar,
    private readonly onClosed: () => void,
  ) {
    this.texts = [bar];
  }

  setBounds(bounds: Rectangle): void {
    if (this.closed) throw new Error('setBounds on a closed sharing bar');
    this.bounds = bounds;
  }

  show(bar: SharingBar): void {
    this.texts.push(bar);
  }

  close(): void {
    this.closed = true;
  }

  closeFromOutside(): void {
    this.closed = true;
    this.onClosed();
  }
}

export class FakeSharingBars implements SharingBarFactory {
  readonly opened: FakeSharingBar[] = [];
  private nextSenderId = 4000;

  open(options: { bounds: Rectangle; bar: SharingBar; onClosed: () => void }): FakeSharingBar {
    const bar = new FakeSharingBar(this.nextSenderId++, options.bounds, options.bar, options.onClosed);
    this.opened.push(bar);
    return bar;
  }

  showing(): FakeSharingBar[] {
    return this.opened.filter((bar) => !bar.closed);
  }
}

/** The console page's end, played by the test: `end(id)` is a reload, a crash or a destroyed window. */
export class FakeConsolePage implements ConsolePagePort {
  private readonly watchers = new Map<number, Set<() => void>>();

  watch(webContentsId: number, onGone: () => void): () => void {
    const set = this.watchers.get(webContentsId) ?? new Set<() => void>();
    set.add(onGone);
    this.watchers.set(webContentsId, set);
    return () => set.delete(onGone);
  }

  end(webContentsId: number): void {
    for (const onGone of [...(this.watchers.get(webContentsId) ?? [])]) onGone();
  }

  watching(webContentsId: number): number {
    return this.watchers.get(webContentsId)?.size ?? 0;
  }
}
