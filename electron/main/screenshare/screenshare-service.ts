import { shareSourceSchema, type ShareSource, type SharePick, type SharingBar } from '../../../src/protocol';
import type { Clock } from '../clock';
import type { Rectangle } from '../windows/geometry';
import { refusalOf, type ShareGesture } from './display-media-rule';
import { placePicker, placeSharingBar } from './placement';
import type {
  CaptureSource,
  CaptureSourcesPort,
  DisplayMediaAnswer,
  DisplayMediaRequest,
  PickerWindowFactory,
  PickerWindowHandle,
  ScreenPort,
  SharingBarFactory,
  SharingBarHandle,
  SourceChoice,
} from './ports';

/** The picker window's designed size in DIP; picker.html is laid out for it. */
export const PICKER_SIZE = { width: 760, height: 560 } as const;
/** The sharing bar's designed size in DIP; sharing-bar.html is laid out for it. */
export const SHARING_BAR_SIZE = { width: 460, height: 52 } as const;
/** Space between the sharing bar and the top of the work area. */
export const SHARING_BAR_GAP = 8;
/** Big enough to tell two windows apart, small enough that a dozen cross IPC quickly. */
export const THUMBNAIL_SIZE = { width: 320, height: 180 } as const;

export interface ScreenshareServiceOptions {
  clock: Clock;
  sources: CaptureSourcesPort;
  pickers: PickerWindowFactory;
  bars: SharingBarFactory;
  screen: ScreenPort;
  /** Deskbell's picker window, or the desktop portal's dialog (Wayland: desktopCapturer shows it). */
  sourceChoice: SourceChoice;
  /** The console window's webContents id, or null when it does not exist. */
  consoleId: () => number | null;
  consoleBounds: () => Rectangle | null;
  /** Tells the console that Stop Share was clicked on the bar. */
  emitStopRequested: () => void;
  warn: (message: string, details?: unknown) => void;
}

interface OpenPicker {
  /** Null while the source list is being fetched. */
  window: PickerWindowHandle | null;
  sources: CaptureSource[];
  answer: (answer: DisplayMediaAnswer) => void;
}

interface Sharing {
  bar: SharingBar;
  /** The shared screen's display, when a screen (not a window) is shared. */
  displayId: string | null;
  window: SharingBarHandle;
}

/**
 * Screen sharing's desktop side. It decides what Electron's display-media
 * request handler answers (only the console, only just after Share Screen was
 * clicked there, only with what the operator chose in the picker; anything
 * else is refused), which page may ask for the source list or pick, and when
 * the always-on-top sharing bar shows, where, and what its Stop Share reaches.
 */
export class ScreenshareService {
  #gesture: ShareGesture | null = null;
  #picker: OpenPicker | null = null;
  /** The last source the operator chose: the sharing bar goes on its display. */
  #chosen: CaptureSource | null = null;
  #sharing: Sharing | null = null;
  readonly #stopWatchingScreen: () => void;

  constructor(private readonly options: ScreenshareServiceOptions) {
    this.#stopWatchingScreen = options.screen.onDisplaysChanged(() => this.layoutBar());
  }

  /** The operator clicked Share Screen in the console (`screenshare/gesture`); other windows are ignored. */
  gesture(senderId: number): void {
    if (senderId !== this.options.consoleId()) {
      this.options.warn('Ignored a Share Screen click from a window that is not the console', { senderId });
      return;
    }
    this.#gesture = { senderId, at: this.options.clock.now() };
  }

  /** Electron's display-media request handler: answers every request exactly once. */
  async request(request: DisplayMediaRequest): Promise<DisplayMediaAnswer> {
    const refusal = refusalOf(request, {
      consoleId: this.options.consoleId(),
      gesture: this.#gesture,
      now: this.options.clock.now(),
    });
    if (refusal) return this.refuse(refusal, request);
    // One click, one picker: a script that calls again later needs a click of its own.
    this.#gesture = null;
    if (this.#picker) {
      this.#picker.window?.focus();
      return this.refuse('the picker is already open', request);
    }
    return new Promise<DisplayMediaAnswer>((resolve) => {
      const picker: OpenPicker = { window: null, sources: [], answer: resolve };
      this.#picker = picker;
      void this.offer(picker);
    });
  }

  /** The picker's page asks what it offers; any other window gets nothing. */
  sourcesFor(senderId: number): ShareSource[] {
    const picker = this.#picker;
    if (!picker?.window || picker.window.senderId !== senderId) {
      throw new Error('screenshare/picker-sources: refused: only the open picker window may ask');
    }
    return picker.sources.flatMap(toShareSource);
  }

  /** The picker's Share (a source id) or Cancel (null); from any other window it is ignored. */
  pick(senderId: number, pick: SharePick): void {
    const picker = this.#picker;
    if (!picker?.window || picker.window.senderId !== senderId) {
      this.options.warn('Ignored a pick from a window that is not the open picker', { senderId });
      return;
    }
    if (pick.sourceId === null) {
      this.finish(picker, { kind: 'refuse', reason: 'the operator cancelled' });
      return;
    }
    const source = picker.sources.find((candidate) => candidate.id === pick.sourceId);
    if (!source) {
      this.finish(picker, { kind: 'refuse', reason: 'the picked source was not offered' });
      return;
    }
    this.#chosen = source;
    this.finish(picker, { kind: 'share', source: { id: source.id, name: source.name } });
  }

  /** The console shares (the bar shows, or changes its text) or stopped (null: the bar goes). */
  reportSharing(senderId: number, bar: SharingBar | null): void {
    if (senderId !== this.options.consoleId()) {
      this.options.warn('Ignored a sharing report from a window that is not the console', { senderId });
      return;
    }
    if (!bar) {
      this.closeBar();
      return;
    }
    const displayId = this.#chosen?.displayId ?? null;
    const current = this.#sharing;
    if (current) {
      current.bar = bar;
      current.window.show(bar);
      if (current.displayId !== displayId) {
        current.displayId = displayId;
        this.layoutBar();
      }
      return;
    }
    const place = this.placeBar(displayId);
    if (!place) {
      this.options.warn('No display to show the sharing bar on');
      return;
    }
    const window = this.options.bars.open({
      bounds: place,
      bar,
      onClosed: () => {
        if (this.#sharing?.window === window) this.#sharing = null;
      },
    });
    this.#sharing = { bar, displayId, window };
  }

  /**
   * Stop Share on the bar: the console is told and stops the picture; the bar
   * stays until the console reports it stopped, so it never says "not sharing"
   * while the picture still goes out.
   */
  barStop(senderId: number): void {
    if (!this.#sharing || this.#sharing.window.senderId !== senderId) {
      this.options.warn('Ignored Stop Share from a window that is not the sharing bar', { senderId });
      return;
    }
    this.options.emitStopRequested();
  }

  /** The console's page went away (window closed for good, crashed, reloaded): nothing of its share stays. */
  consoleGone(): void {
    this.#gesture = null;
    if (this.#picker) this.finish(this.#picker, { kind: 'refuse', reason: 'the console went away' });
    this.closeBar();
    this.#chosen = null;
  }

  /** What is open, for the tray and tests. */
  state(): { pickerOpen: boolean; sharing: SharingBar | null } {
    return { pickerOpen: this.#picker !== null, sharing: this.#sharing?.bar ?? null };
  }

  dispose(): void {
    this.#stopWatchingScreen();
    this.consoleGone();
  }

  private async offer(picker: OpenPicker): Promise<void> {
    let sources: CaptureSource[];
    try {
      sources = await this.options.sources.list({ thumbnailSize: THUMBNAIL_SIZE });
    } catch (error) {
      this.options.warn('The screens and windows could not be listed', error);
      this.finish(picker, { kind: 'refuse', reason: 'the sources could not be listed' });
      return;
    }
    if (this.#picker !== picker) return;
    if (sources.length === 0) {
      this.finish(picker, { kind: 'refuse', reason: 'nothing to share (or the portal was cancelled)' });
      return;
    }
    if (this.options.sourceChoice === 'portal') {
      // The portal's dialog was the picker: what it returns is what the operator chose there.
      const [source] = sources as [CaptureSource, ...CaptureSource[]];
      this.#chosen = source;
      this.finish(picker, { kind: 'share', source: { id: source.id, name: source.name } });
      return;
    }
    picker.sources = sources;
    const window = this.options.pickers.open({
      bounds: placePicker(this.options.screen.displays(), this.options.consoleBounds(), PICKER_SIZE),
      onClosed: () => {
        if (this.#picker === picker) this.finish(picker, { kind: 'refuse', reason: 'the picker was closed' });
      },
    });
    picker.window = window;
  }

  private finish(picker: OpenPicker, answer: DisplayMediaAnswer): void {
    if (this.#picker !== picker) return;
    this.#picker = null;
    picker.window?.close();
    if (answer.kind === 'refuse') this.options.warn(`Refused to share the screen: ${answer.reason}`);
    picker.answer(answer);
  }

  private refuse(reason: string, request: DisplayMediaRequest): DisplayMediaAnswer {
    this.options.warn(`Refused to share the screen: ${reason}`, {
      senderId: request.senderId,
      frameUrl: request.frameUrl,
    });
    return { kind: 'refuse', reason };
  }

  private placeBar(displayId: string | null): Rectangle | null {
    return (
      placeSharingBar({
        displays: this.options.screen.displays(),
        sharedDisplayId: displayId,
        consoleBounds: this.options.consoleBounds(),
        size: SHARING_BAR_SIZE,
        gap: SHARING_BAR_GAP,
      })?.bounds ?? null
    );
  }

  /** Brings the bar to where it belongs: a display was added, removed, moved or rescaled. */
  private layoutBar(): void {
    const sharing = this.#sharing;
    if (!sharing) return;
    const bounds = this.placeBar(sharing.displayId);
    if (bounds) sharing.window.setBounds(bounds);
  }

  private closeBar(): void {
    const sharing = this.#sharing;
    this.#sharing = null;
    sharing?.window.close();
  }
}

/**
 * A source as the picker page receives it: no display id, and only what the
 * contract's schema takes (the page's bridge rejects the whole list otherwise).
 * A thumbnail too large or of another type is dropped and the card shows the
 * name alone; a source whose id the schema refuses is not offered.
 */
function toShareSource(source: CaptureSource): ShareSource[] {
  const candidate = { id: source.id, name: source.name.slice(0, 200), kind: source.kind, thumbnail: source.thumbnail };
  const checked = shareSourceSchema.safeParse(candidate);
  if (checked.success) return [checked.data];
  const bare = shareSourceSchema.safeParse({ ...candidate, thumbnail: null });
  return bare.success ? [bare.data] : [];
}
