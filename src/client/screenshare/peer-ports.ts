/**
 * The parts of WebRTC the screenshare peer uses, as plain interfaces: src/
 * has no DOM, so the console and the patron's window hand in the browser's
 * own (`new RTCPeerConnection(config)`, getUserMedia) and the unit tests a fake.
 */

export interface MediaTrackLike {
  readonly kind: string;
  readonly label: string;
  enabled: boolean;
  stop(): void;
  /** The browser's own "Stop sharing" ends the screen's track. */
  onended: (() => void) | null;
}

export interface RtpSenderLike {
  readonly track: MediaTrackLike | null;
  replaceTrack(track: MediaTrackLike | null): Promise<void>;
}

export interface TransceiverLike {
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' | 'stopped';
  readonly sender: RtpSenderLike;
  readonly receiver: { readonly track: MediaTrackLike };
}

export interface SessionDescriptionLike {
  type: 'offer' | 'answer' | 'pranswer' | 'rollback';
  sdp?: string;
}

export interface IceCandidateLike {
  candidate: string;
  sdpMid: string | null;
  sdpMLineIndex: number | null;
}

export interface PeerConnectionLike {
  addTransceiver(kind: 'audio' | 'video', init: { direction: TransceiverLike['direction'] }): TransceiverLike;
  getTransceivers(): TransceiverLike[];
  createOffer(): Promise<SessionDescriptionLike>;
  createAnswer(): Promise<SessionDescriptionLike>;
  setLocalDescription(description: SessionDescriptionLike): Promise<void>;
  setRemoteDescription(description: { type: 'offer' | 'answer'; sdp: string }): Promise<void>;
  addIceCandidate(candidate: IceCandidateLike): Promise<void>;
  readonly connectionState: string;
  onicecandidate: ((event: { candidate: IceCandidateLike | null }) => void) | null;
  onconnectionstatechange: (() => void) | null;
  ontrack: ((event: { track: MediaTrackLike }) => void) | null;
  close(): void;
}

export interface PeerConfig {
  iceServers: Array<{ urls: string[]; username?: string; credential?: string }>;
  iceTransportPolicy: 'all' | 'relay';
}
