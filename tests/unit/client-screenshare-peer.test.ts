import { describe, expect, it } from 'vitest';
import type {
  IceCandidateLike,
  MediaTrackLike,
  PeerConnectionLike,
  SessionDescriptionLike,
  TransceiverLike,
} from '../../src/client/screenshare/peer-ports';
import { ScreensharePeer, type PeerSnapshot } from '../../src/client/screenshare/screenshare-peer';
import type { ScreenshareSignal } from '../../src/protocol/screenshare';

/** A track that remembers being stopped. */
function track(kind: 'audio' | 'video', label: string = kind): MediaTrackLike & { stopped: boolean } {
  return {
    kind,
    label,
    enabled: true,
    stopped: false,
    onended: null,
    stop() {
      this.stopped = true;
    },
  };
}

/** A peer connection that records what the screenshare peer asks of it (no network). */
class FakePeer implements PeerConnectionLike {
  transceivers: Array<TransceiverLike & { sent: Array<MediaTrackLike | null> }> = [];
  added: IceCandidateLike[] = [];
  remote: { type: string; sdp: string } | null = null;
  connectionState = 'new';
  closed = false;
  onicecandidate: PeerConnectionLike['onicecandidate'] = null;
  onconnectionstatechange: PeerConnectionLike['onconnectionstatechange'] = null;
  ontrack: PeerConnectionLike['ontrack'] = null;

  addTransceiver(kind: 'audio' | 'video', init: { direction: TransceiverLike['direction'] }) {
    const sent: Array<MediaTrackLike | null> = [];
    const transceiver = {
      direction: init.direction,
      sent,
      receiver: { track: track(kind) },
      sender: {
        track: null as MediaTrackLike | null,
        async replaceTrack(next: MediaTrackLike | null) {
          sent.push(next);
          this.track = next;
        },
      },
    };
    this.transceivers.push(transceiver);
    return transceiver;
  }
  getTransceivers() {
    return this.transceivers;
  }
  async createOffer(): Promise<SessionDescriptionLike> {
    return { type: 'offer', sdp: 'offer-sdp' };
  }
  async createAnswer(): Promise<SessionDescriptionLike> {
    return { type: 'answer', sdp: 'answer-sdp' };
  }
  async setLocalDescription() {}
  async setRemoteDescription(description: { type: 'offer' | 'answer'; sdp: string }) {
    this.remote = description;
    // An offer makes the answerer's transceivers, as a browser does.
    if (description.type === 'offer' && this.transceivers.length === 0) {
      this.addTransceiver('audio', { direction: 'recvonly' });
      this.addTransceiver('video', { direction: 'recvonly' });
    }
  }
  async addIceCandidate(candidate: IceCandidateLike) {
    this.added.push(candidate);
  }
  close() {
    this.closed = true;
  }
  connect() {
    this.connectionState = 'connected';
    this.onconnectionstatechange?.();
  }
}

async function open(role: 'host' | 'guest', shares: boolean, mic: MediaTrackLike | null = track('audio', 'mic')) {
  const fake = new FakePeer();
  const signals: ScreenshareSignal[] = [];
  const snapshots: PeerSnapshot[] = [];
  let shareEnded = 0;
  const peer = await ScreensharePeer.open({
    role,
    shares,
    ice: { iceServers: [], iceTransportPolicy: 'relay' },
    createPeer: () => fake,
    microphone: async () => mic,
    signal: (signal) => signals.push(signal),
    onChange: (snapshot) => snapshots.push(snapshot),
    onShareEnded: () => (shareEnded += 1),
  });
  return { fake, peer, signals, snapshots, shareEnded: () => shareEnded };
}

describe('one side of a screenshare call', () => {
  it('the host makes audio and video transceivers up front, sends its microphone and offers', async () => {
    const { fake, peer, signals } = await open('host', true);
    await peer.start();
    expect(fake.transceivers.map((t) => t.direction)).toEqual(['sendrecv', 'sendonly']);
    expect(fake.transceivers[0]?.sent.map((t) => t?.label)).toEqual(['mic']);
    expect(signals).toEqual([{ kind: 'offer', sdp: 'offer-sdp' }]);
  });

  it('Share Screen and Stop Share only swap the video track: no new offer, the voices stay', async () => {
    const { fake, peer, signals } = await open('host', true);
    await peer.start();
    const screen = track('video', 'screen:0:0');
    await peer.share(screen);
    expect(peer.snapshot()).toMatchObject({ sharing: true, sharingLabel: 'screen:0:0' });
    await peer.stopShare();
    expect(screen.stopped).toBe(true);
    expect(fake.transceivers[1]?.sent).toEqual([screen, null]);
    expect(fake.transceivers[0]?.sender.track?.label).toBe('mic');
    expect(signals.filter((signal) => signal.kind === 'offer')).toHaveLength(1);
    expect(peer.snapshot().sharing).toBe(false);
  });

  it("the browser's own Stop sharing ends the share and says so", async () => {
    const { peer, shareEnded } = await open('host', true);
    await peer.start();
    const screen = track('video');
    await peer.share(screen);
    screen.onended?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(peer.snapshot().sharing).toBe(false);
    expect(shareEnded()).toBe(1);
  });

  it('a watcher cannot send a picture: the track is stopped at once', async () => {
    const { peer } = await open('host', false);
    await peer.start();
    const screen = track('video');
    await peer.share(screen);
    expect(screen.stopped).toBe(true);
    expect(peer.snapshot().sharing).toBe(false);
  });

  it('the guest answers the offer, sends video only when it shares, and adds early candidates after the offer', async () => {
    const { fake, peer, signals } = await open('guest', true);
    await peer.start(); // nothing: the guest waits for the offer
    expect(fake.transceivers).toHaveLength(0);
    const early = { kind: 'candidate' as const, candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 };
    await peer.handleSignal(early);
    expect(fake.added).toEqual([]);
    await peer.handleSignal({ kind: 'offer', sdp: 'offer-sdp' });
    expect(fake.added).toEqual([{ candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 }]);
    expect(fake.transceivers.map((t) => t.direction)).toEqual(['sendrecv', 'sendonly']);
    expect(signals).toEqual([{ kind: 'answer', sdp: 'answer-sdp' }]);
  });

  it('ignores an offer sent to the host and an answer sent to the guest', async () => {
    const host = await open('host', true);
    await host.peer.handleSignal({ kind: 'offer', sdp: 'x' });
    expect(host.fake.remote).toBeNull();
    const guest = await open('guest', false);
    await guest.peer.handleSignal({ kind: 'answer', sdp: 'x' });
    expect(guest.fake.remote).toBeNull();
  });

  it('Mute switches the microphone off without stopping it; End stops every track and closes', async () => {
    const mic = track('audio', 'mic');
    const { fake, peer, snapshots } = await open('host', true, mic);
    await peer.start();
    peer.setMuted(true);
    expect(mic.enabled).toBe(false);
    expect(peer.snapshot().muted).toBe(true);
    fake.connect();
    expect(snapshots.at(-1)?.connection).toBe('connected');
    const screen = track('video');
    await peer.share(screen);
    peer.close();
    expect([mic.stopped, screen.stopped, fake.closed]).toEqual([true, true, true]);
    expect(peer.snapshot().connection).toBe('closed');
  });

  it('listens only, without a microphone', async () => {
    const { fake, peer, signals } = await open('host', false, null);
    await peer.start();
    expect(fake.transceivers[0]?.sent).toEqual([]);
    expect(signals).toHaveLength(1);
  });
});
