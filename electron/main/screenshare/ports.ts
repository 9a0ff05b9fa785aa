/**
 * The native parts screen sharing needs, as ports: electron-screenshare.ts
 * implements them over `session`, `desktopCapturer`, `BrowserWindow` and
 * `webContents`; tests use the fakes in tests/fakes/screenshare-fakes.ts.
 * The displays come through the alerts' ScreenPort (same module, same shape).
 */
import type { ShareSource, SharingBar } from '../../../src/protocol';
import type { Rectangle } from '../windows/geometry';

export type { ScreenPort } from '../alerts/ports';

/** One `getDisplayMedia` as Electron's display-media request handler reports it, trimmed to what decides. */
export interface DisplayMediaRequest {
  /** The webContents the asking frame belongs to; null when the frame is already gone. */
  senderId: number | null;
  /** The asking frame's URL; null when the frame navigated or was destroyed. */
  frameUrl: string | null;
  /** False for a frame inside the page (an iframe): only the page itself may share. */
  isMainFrame: boolean;
  /** The origin Electron reports for the request. */
  securityOrigin: string;
  videoRequested: boolean;
  audioRequested: boolean;
  /** Whether a user gesture was active when the page asked (Electron reports it on every request). */
  userGesture: boolean;
}

/** What the handler answers: one source to capture, or a refusal (getDisplayMedia rejects). */
export type DisplayMediaAnswer =
  { kind: 'share'; source: { id: string; name: string } } | { kind: 'refuse'; reason: string };

/** A screen or window desktopCapturer lists, as main holds it. */
export interface CaptureSource {
  id: string;
  name: string;
  kind: ShareSource['kind'];
  /** For a screen, the id of the Display it is (as `String(display.id)`); null for windows or when unknown. */
  displayId: string | null;
  /** A PNG or JPEG data: URL, or null when the platform gave none (or an empty one). */
  thumbnail: string | null;
}

/** desktopCapturer.getSources for screens and windows, thumbnails already turned into data: URLs. */
export interface CaptureSourcesPort {
  list(options: { thumbnailSize: { width: number; height: number } }): Promise<CaptureSource[]>;
}

/** How the operator chooses: Deskbell's own picker window, or the desktop portal's dialog (Wayland). */
export type SourceChoice = 'picker' | 'portal';

/** One open picker window. */
export interface PickerWindowHandle {
  /** The webContents id its page sends from. */
  readonly senderId: number;
  /** Brings it forward (a second Share Screen while it is open). */
  focus(): void;
  close(): void;
}

export interface PickerWindowFactory {
  open(options: {
    bounds: Rectangle;
    /** Called once when the operator (or the OS) closes it, never after close(). */
    onClosed: () => void;
  }): PickerWindowHandle;
}

/** The always-on-top sharing bar. */
export interface SharingBarHandle {
  readonly senderId: number;
  setBounds(bounds: Rectangle): void;
  /** Shows this text (the console shares something else, or with someone else). */
  show(bar: SharingBar): void;
  close(): void;
}

export interface SharingBarFactory {
  open(options: { bounds: Rectangle; bar: SharingBar; onClosed: () => void }): SharingBarHandle;
}

/** Tells when the console's page goes away: its window destroyed, its renderer gone, or a reload. */
export interface ConsolePagePort {
  /** Watches the page of this webContents; returns the unwatch. */
  watch(webContentsId: number, onGone: () => void): () => void;
}

/** Electron's `session.setDisplayMediaRequestHandler`: every getDisplayMedia of the app's session comes here. */
export interface DisplayMediaPort {
  /** Installs the handler; returns the uninstall (Electron's default answer comes back). */
  setRequestHandler(handler: (request: DisplayMediaRequest) => Promise<DisplayMediaAnswer>): () => void;
}
