import type { IceConfig, ScreenshareSignal } from '../../protocol/screenshare';
import type { IceCandidateLike, MediaTrackLike, PeerConfig, PeerConnectionLike, TransceiverLike } from './peer-ports';

/** How the peer's connection stands, for the buttons and the "connecting" line. */
export type PeerConnection = 'new' | 'connecting' | 'connected' | 'failed' | 'closed';

export interface PeerSnapshot {
  connection: PeerConnection;
  /** This side sends its picture now. */
  sharing: boolean;
  /** What this side shares (the track's label: "screen:0:0", a window's title). */
  sharingLabel: string | null;
  muted: boolean;
  /** The other side's audio and video tracks, to put in a <video>. */
  remoteTracks: readonly MediaTrackLike[];
}

export interface ScreensharePeerOptions {
  /** The host makes the offer; the guest answers it. */
  role: 'host' | 'guest';
  /** This side shows its screen (its video transceiver sends); otherwise it watches. */
  shares: boolean;
  ice: IceConfig;
  createPeer: (config: PeerConfig) => PeerConnectionLike;
  /** Sends one signalling message to the other side (over the chat's connection). */
  signal: (signal: ScreenshareSignal) => void;
  onChange: (snapshot: PeerSnapshot) => void;
  /** The picture stopped without Stop Share (the browser's own "Stop sharing"). */
  onShareEnded?: () => void;
}

/**
 * One side of a screenshare's WebRTC connection: one RTCPeerConnection, the
 * host's offer, the guest's answer, ICE candidates both ways. Audio and video
 * transceivers are made up front, so Share Screen and Stop Share only swap the
 * video sender's track (replaceTrack) and never renegotiate: the voices go on.
 */
export class ScreensharePeer {
  /**
   * Asks for the microphone first ("Join with computer audio"; null when the
   * person has none or refused it: they listen only), then makes the peer
   * connection: a browser shows a connection its own addresses (host ICE
   * candidates) only once the page may use the microphone.
   */
  static async open(
    options: ScreensharePeerOptions & { microphone: () => Promise<MediaTrackLike | null> },
  ): Promise<ScreensharePeer> {
    const mic = await options.microphone().catch(() => null);
    return new ScreensharePeer(options, mic);
  }

  private readonly pc: PeerConnectionLike;
  private audio: TransceiverLike | null = null;
  private video: TransceiverLike | null = null;
  private mic: MediaTrackLike | null = null;
  private screen: MediaTrackLike | null = null;
  private remoteTracks: MediaTrackLike[] = [];
  /** Candidates that arrive before the other side's description: added right after it. */
  private pendingCandidates: IceCandidateLike[] = [];
  private hasRemoteDescription = false;
  private closed = false;
  private muted = false;

  constructor(
    private readonly options: ScreensharePeerOptions,
    microphone: MediaTrackLike | null,
  ) {
    this.mic = microphone;
    this.pc = options.createPeer({
      iceServers: options.ice.iceServers,
      iceTransportPolicy: options.ice.iceTransportPolicy,
    });
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate || candidate.candidate === '') return;
      options.signal({
        kind: 'candidate',
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid,
        sdpMLineIndex: candidate.sdpMLineIndex,
      });
    };
    this.pc.onconnectionstatechange = () => this.changed();
    this.pc.ontrack = ({ track }) => {
      this.remoteTracks = [...this.remoteTracks.filter((known) => known !== track), track];
      this.changed();
    };
  }

  /**
   * This guest has answered an offer already: a new offer then comes from a
   * fresh peer on the host's side (its console was reloaded) and needs a
   * fresh peer here too (new ICE and DTLS identities).
   */
  get answered(): boolean {
    return this.options.role === 'guest' && this.hasRemoteDescription;
  }

  /** The RTCPeerConnection itself, for getStats() in tests and the bench. */
  get connection(): PeerConnectionLike {
    return this.pc;
  }

  /** The host: transceivers, microphone, offer. The guest waits for the offer (handleSignal). */
  async start(): Promise<void> {
    if (this.options.role !== 'host') return;
    this.audio = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.video = this.pc.addTransceiver('video', { direction: this.options.shares ? 'sendonly' : 'recvonly' });
    await this.attachMicrophone();
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    if (offer.sdp) this.options.signal({ kind: 'offer', sdp: offer.sdp });
  }

  async handleSignal(signal: ScreenshareSignal): Promise<void> {
    if (this.closed) return;
    switch (signal.kind) {
      case 'offer':
        if (this.options.role !== 'guest') return;
        await this.pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        await this.remoteDescriptionSet();
        await this.answerOffer();
        return;
      case 'answer':
        if (this.options.role !== 'host') return;
        await this.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
        await this.remoteDescriptionSet();
        return;
      case 'restart':
        // The host's caller makes a fresh peer for it (see ScreensharePeer.detachScreen).
        return;
      case 'candidate': {
        const candidate = { candidate: signal.candidate, sdpMid: signal.sdpMid, sdpMLineIndex: signal.sdpMLineIndex };
        if (this.hasRemoteDescription) await this.pc.addIceCandidate(candidate);
        else this.pendingCandidates.push(candidate);
        return;
      }
    }
  }

  /** Share Screen: the picture goes out on the video transceiver made up front. */
  async share(track: MediaTrackLike): Promise<void> {
    if (!this.options.shares || !this.video || this.closed) {
      track.stop();
      return;
    }
    const previous = this.screen;
    this.screen = track;
    track.onended = () => {
      if (this.screen !== track) return;
      void this.stopShare().then(() => this.options.onShareEnded?.());
    };
    await this.video.sender.replaceTrack(track);
    previous?.stop();
    this.changed();
  }

  /** Stop Share: the picture stops, the voices go on (no renegotiation). */
  async stopShare(): Promise<void> {
    const track = this.screen;
    if (!track) return;
    this.screen = null;
    await this.video?.sender.replaceTrack(null);
    track.onended = null;
    track.stop();
    this.changed();
  }

  /**
   * Hands the shared screen's track over (for a fresh peer after the other
   * side's window reloaded), without stopping it: the picture goes on there.
   */
  detachScreen(): MediaTrackLike | null {
    const track = this.screen;
    this.screen = null;
    if (track) track.onended = null;
    return track;
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (this.mic) this.mic.enabled = !muted;
    this.changed();
  }

  /** End: every track stops and the connection closes. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.screen?.stop();
    this.mic?.stop();
    this.screen = null;
    this.mic = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.close();
    this.changed();
  }

  snapshot(): PeerSnapshot {
    return {
      connection: this.closed ? 'closed' : connectionOf(this.pc.connectionState),
      sharing: this.screen !== null,
      sharingLabel: this.screen?.label ?? null,
      muted: this.muted,
      remoteTracks: this.remoteTracks,
    };
  }

  private async answerOffer(): Promise<void> {
    // The offer made the transceivers: the guest sends audio both ways, and video only when it shares.
    for (const transceiver of this.pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      if (kind === 'audio') {
        this.audio = transceiver;
        transceiver.direction = 'sendrecv';
      } else if (kind === 'video') {
        this.video = transceiver;
        transceiver.direction = this.options.shares ? 'sendonly' : 'recvonly';
      }
    }
    await this.attachMicrophone();
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    if (answer.sdp) this.options.signal({ kind: 'answer', sdp: answer.sdp });
  }

  private async attachMicrophone(): Promise<void> {
    const mic = this.mic;
    if (!mic || this.closed) return;
    mic.enabled = !this.muted;
    await this.audio?.sender.replaceTrack(mic);
  }

  private async remoteDescriptionSet(): Promise<void> {
    this.hasRemoteDescription = true;
    const pending = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of pending) await this.pc.addIceCandidate(candidate);
  }

  private changed(): void {
    this.options.onChange(this.snapshot());
  }
}

function connectionOf(state: string): PeerConnection {
  switch (state) {
    case 'connecting':
    case 'connected':
    case 'failed':
    case 'closed':
      return state;
    case 'disconnected':
      return 'connecting';
    default:
      return 'new';
  }
}
