import type { MediaTrackLike, PeerConfig, PeerConnectionLike } from '../../src/client/screenshare/peer-ports';

/**
 * The browser's media for screen sharing, behind one small interface so the
 * console's store can be driven by a fake in unit tests: the peer connection,
 * the microphone ("Join with computer audio") and the screen picker. In the
 * desktop app getDisplayMedia opens Deskbell's own picker (the main process's
 * display-media handler); in a browser, the browser's.
 */
export interface ScreenshareMedia {
  createPeer(config: PeerConfig): PeerConnectionLike;
  /** The microphone's track; null when there is none or the librarian refused it (they listen only). */
  microphone(): Promise<MediaTrackLike | null>;
  /** Asks for a screen or window; null when the picker was cancelled. Call it in the click handler itself. */
  pickScreen(): Promise<MediaTrackLike | null>;
}

declare global {
  interface Window {
    /** The current screenshare's RTCPeerConnection, for the end-to-end tests' getStats() and the bench. */
    __deskbellPeer?: RTCPeerConnection;
  }
}

export const browserMedia: ScreenshareMedia = {
  createPeer(config) {
    const peer = new RTCPeerConnection(config);
    window.__deskbellPeer = peer;
    return peer as unknown as PeerConnectionLike;
  },
  async microphone() {
    if (!navigator.mediaDevices?.getUserMedia) return null;
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    return (stream.getAudioTracks()[0] as unknown as MediaTrackLike | undefined) ?? null;
  },
  async pickScreen() {
    if (!navigator.mediaDevices?.getDisplayMedia) return null;
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      return (stream.getVideoTracks()[0] as unknown as MediaTrackLike | undefined) ?? null;
    } catch (error) {
      // The picker's Cancel (NotAllowedError) is an answer, not a failure.
      if (error instanceof DOMException && error.name === 'NotAllowedError') return null;
      throw error;
    }
  },
};
