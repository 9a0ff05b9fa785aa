import type { ScreenshareWindowConnection } from '../../src/client/screenshare/screenshare-window-connection';
import type { MediaTrackLike, PeerConfig, PeerConnectionLike } from '../../src/client/screenshare/peer-ports';
import { ScreensharePeer, type PeerSnapshot } from '../../src/client/screenshare/screenshare-peer';
import { describeShareSource } from '../../src/domain/screenshare-lines';
import { isLive } from '../../src/domain/screenshare-session';
import type { IceConfig, ScreenshareSignal } from '../../src/protocol/screenshare';

declare global {
  interface Window {
    /** The screenshare's RTCPeerConnection, for getStats() in the e2e tests and the bench. */
    __deskbellPeer?: RTCPeerConnection;
  }
}

/** The browser's parts the call uses (tests hand in fakes). */
export interface CallPorts {
  createPeer: (config: PeerConfig) => PeerConnectionLike;
  /** "Join with computer audio": the microphone's track, or null when there is none or it was refused. */
  microphone: () => Promise<MediaTrackLike | null>;
  /** The browser's picker; must be called in a click handler. */
  pickScreen: () => Promise<MediaTrackLike>;
}

export const browserCallPorts: CallPorts = {
  createPeer: (config) => {
    const pc = new RTCPeerConnection(config);
    window.__deskbellPeer = pc;
    return pc as unknown as PeerConnectionLike;
  },
  microphone: async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      return (stream.getAudioTracks()[0] as unknown as MediaTrackLike | undefined) ?? null;
    } catch {
      return null;
    }
  },
  pickScreen: async () => {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) throw new Error('The browser gave no picture.');
    // A MediaStreamTrack is a MediaTrackLike but for its event handlers' `this` and argument.
    return track as unknown as MediaTrackLike;
  },
};

export interface CallState {
  /** Null until the operator launches (the peer is made for the offer). */
  peer: PeerSnapshot | null;
  /** unknown until the call asks; none when there is no microphone or it was refused (listen only). */
  microphone: 'unknown' | 'on' | 'none';
  /** Why Share my screen did not start (cancelled picker, refused permission). */
  shareError: string | null;
}

/**
 * The window's half of the call, between its connection and the peer: makes
 * the ScreensharePeer when the session is launched (role guest: it answers the
 * operator's offer), feeds it the operator's signalling in order, reports
 * media when this side is the sharer, and closes the peer when the session ends.
 */
export class WindowCall {
  private peer: ScreensharePeer | null = null;
  /** The peer being made (the microphone is asked for first): made once, whatever asks for it. */
  private opening: Promise<ScreensharePeer | null> | null = null;
  private state: CallState = { peer: null, microphone: 'unknown', shareError: null };
  private readonly listeners = new Set<() => void>();
  /** Signals are handled one after the other: an offer's handling is async, and its candidates follow it. */
  private signals: Promise<void> = Promise.resolve();
  private reportedConnected = false;
  /** Whether this window saw the session before Launch: one that first sees it live was opened again mid-call. */
  private sawBeforeLaunch = false;
  /** The screen this window shared on a peer that was replaced, to share again on the new one. */
  private carriedScreen: MediaTrackLike | null = null;
  private closed = false;
  private readonly stops: Array<() => void> = [];

  constructor(
    private readonly connection: ScreenshareWindowConnection,
    private readonly ports: CallPorts = browserCallPorts,
  ) {
    this.stops.push(connection.subscribe(() => this.follow()));
    this.stops.push(connection.onSignal((signal) => this.onSignal(signal)));
    this.follow();
  }

  getState = (): CallState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** This window shows its screen (the operator asked to see it). */
  get shares(): boolean {
    return this.connection.getState().session?.direction === 'guest-shares';
  }

  /** Share my screen: the browser's picker (call it in the click handler), then the picture goes out. */
  async share(): Promise<void> {
    const picking = this.ports.pickScreen();
    let track: MediaTrackLike;
    try {
      track = await picking;
    } catch (error) {
      const cancelled = error instanceof Error && error.name === 'NotAllowedError';
      this.update({ shareError: cancelled ? 'Nothing was shared.' : 'Your browser could not share the screen.' });
      return;
    }
    const peer = this.peer;
    if (!peer || this.closed) {
      track.stop();
      return;
    }
    this.update({ shareError: null });
    await peer.share(track);
    if (peer.snapshot().sharing) await this.connection.media(true, describeShareSource(track.label));
  }

  async stopShare(): Promise<void> {
    if (!this.peer?.snapshot().sharing) return;
    await this.peer.stopShare();
    await this.connection.media(false);
  }

  setMuted(muted: boolean): void {
    this.peer?.setMuted(muted);
  }

  close(): void {
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
    this.peer?.close();
  }

  private follow(): void {
    const { session, ice, link } = this.connection.getState();
    const over = link === 'refused' || session?.state === 'ended';
    if (over) {
      if (this.peer && this.state.peer?.connection !== 'closed') this.peer.close();
      return;
    }
    if (session && !isLive(session.state)) this.sawBeforeLaunch = true;
    if (session && ice && isLive(session.state)) void this.ensurePeer();
  }

  private ensurePeer(): Promise<ScreensharePeer | null> {
    if (this.opening) return this.opening;
    if (this.closed) return Promise.resolve(null);
    const { ice } = this.connection.getState();
    if (!ice) return Promise.resolve(null);
    this.opening = this.openPeer(ice);
    return this.opening;
  }

  private async openPeer(ice: IceConfig): Promise<ScreensharePeer | null> {
    const peer = await ScreensharePeer.open({
      role: 'guest',
      shares: this.shares,
      ice,
      createPeer: this.ports.createPeer,
      microphone: async () => {
        const mic = await this.ports.microphone();
        this.update({ microphone: mic ? 'on' : 'none' });
        return mic;
      },
      signal: (signal) => void this.connection.signal(signal),
      onChange: (snapshot) => this.onPeerChange(snapshot),
      onShareEnded: () => void this.connection.media(false),
    });
    if (this.closed) {
      peer.close();
      return null;
    }
    this.peer = peer;
    this.update({ peer: peer.snapshot() });
    // Opened again mid-call (a reload): the operator's console makes a fresh offer for this new peer.
    if (!this.sawBeforeLaunch) void this.connection.signal({ kind: 'restart' });
    return peer;
  }

  private onSignal(signal: ScreenshareSignal): void {
    // In order, and after the peer exists (its microphone may still be being asked for).
    this.signals = this.signals
      .then(async () => {
        if (signal.kind === 'offer' && this.peer?.answered) await this.replacePeer();
        const peer = await this.ensurePeer();
        if (!peer) return;
        await peer.handleSignal(signal);
        // A screen shared on the peer this one replaced goes on here, once the offer made its video sender.
        if (signal.kind === 'offer' && this.carriedScreen) {
          const screen = this.carriedScreen;
          this.carriedScreen = null;
          await peer.share(screen);
        }
      })
      .catch(() => undefined);
  }

  /** The operator's console was reloaded and offers anew: a fresh peer, the same screen still shared. */
  private async replacePeer(): Promise<void> {
    const old = this.peer;
    if (!old) return;
    this.carriedScreen = old.detachScreen();
    old.close();
    this.peer = null;
    this.opening = null;
    this.reportedConnected = false;
  }

  private onPeerChange(snapshot: PeerSnapshot): void {
    this.update({ peer: snapshot });
    // The voices are connected: the sharer says so once (connecting -> audio-only); the operator's side does it otherwise.
    if (snapshot.connection === 'connected' && !this.reportedConnected && this.shares) {
      this.reportedConnected = true;
      if (this.connection.getState().session?.state === 'connecting') void this.connection.media(false);
    }
  }

  private update(patch: Partial<CallState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
