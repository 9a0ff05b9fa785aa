import { expect, type Page } from '@playwright/test';

/*
 * What a page's peer connection receives, read from RTCPeerConnection.getStats().
 *
 * The page must expose its current peer connection as `window.__deskbellPeer`
 * (the console and the patron's screenshare window do so for these tests; the
 * harness page does it itself). Every helper reads that connection only.
 */
declare global {
  interface Window {
    /** The page's current screen sharing RTCPeerConnection, for the WebRTC tests' getStats() helpers. */
    __deskbellPeer?: RTCPeerConnection;
  }
}

export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

export interface PeerStats {
  /** The connection's state ('new', 'connecting', 'connected', ...), or 'none' without a peer connection. */
  connectionState: RTCPeerConnectionState | 'none';
  /** Video frames decoded so far, over every inbound video stream (0 before any). */
  framesDecoded: number;
  /** The size of the latest decoded picture (the fake screen is 1280x720), 0 before any. */
  frameWidth: number;
  frameHeight: number;
  /** Inbound audio: energy heard so far (grows while sound arrives) and the latest level, 0..1. */
  totalAudioEnergy: number;
  audioLevel: number;
  /** The candidate pair ICE selected, or null before one is. `address` may be absent (hidden by the browser). */
  selectedPair: {
    local: { type: CandidateType; address: string | null; protocol: string };
    remote: { type: CandidateType; address: string | null; protocol: string };
  } | null;
  /** Every local candidate gathered, e.g. to prove host candidates on the namespace's address. */
  localCandidates: Array<{ type: CandidateType; address: string | null; protocol: string }>;
}

/** Runs in the page: must use nothing outside its own body (Playwright sends its source). */
async function collectPeerStats(): Promise<PeerStats> {
  const peer = window.__deskbellPeer;
  const empty: PeerStats = {
    connectionState: 'none',
    framesDecoded: 0,
    frameWidth: 0,
    frameHeight: 0,
    totalAudioEnergy: 0,
    audioLevel: 0,
    selectedPair: null,
    localCandidates: [],
  };
  if (!peer) return empty;
  const report = await peer.getStats();
  // The stats dictionaries differ by type; a loose record is what each is here.
  type Entry = Record<string, unknown> & { id: string; type: string };
  const entries: Entry[] = [];
  report.forEach((entry: Entry) => entries.push(entry));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const num = (value: unknown) => (typeof value === 'number' ? value : 0);
  const candidate = (entry: Entry | undefined) => ({
    type: (entry?.candidateType ?? 'host') as CandidateType,
    address: typeof entry?.address === 'string' && entry.address !== '' ? entry.address : null,
    protocol: typeof entry?.protocol === 'string' ? entry.protocol : '',
  });

  const stats: PeerStats = { ...empty, connectionState: peer.connectionState };
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp' && entry.kind === 'video') {
      stats.framesDecoded += num(entry.framesDecoded);
      stats.frameWidth = Math.max(stats.frameWidth, num(entry.frameWidth));
      stats.frameHeight = Math.max(stats.frameHeight, num(entry.frameHeight));
    }
    if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
      stats.totalAudioEnergy += num(entry.totalAudioEnergy);
      stats.audioLevel = Math.max(stats.audioLevel, num(entry.audioLevel));
    }
    if (entry.type === 'local-candidate') stats.localCandidates.push(candidate(entry));
  }
  // Chromium names the pair on the transport; Firefox marks it `selected`; either way it has succeeded.
  const transport = entries.find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId);
  const pair =
    (transport && byId.get(String(transport.selectedCandidatePairId))) ??
    entries.find((entry) => entry.type === 'candidate-pair' && entry.selected === true);
  if (pair) {
    stats.selectedPair = {
      local: candidate(byId.get(String(pair.localCandidateId))),
      remote: candidate(byId.get(String(pair.remoteCandidateId))),
    };
  }
  return stats;
}

/** One reading of the page's `window.__deskbellPeer` stats. */
export function readPeerStats(page: Page): Promise<PeerStats> {
  return page.evaluate(collectPeerStats);
}

interface WaitOptions {
  /** How long to keep trying, in ms (default: the config's expect timeout). */
  timeout?: number;
}

/** Waits until the page decodes `frames` more video frames than when called (the picture is moving); returns the count. */
export async function waitForFramesGrowing(
  page: Page,
  { frames = 10, timeout }: WaitOptions & { frames?: number } = {},
): Promise<number> {
  const start = (await readPeerStats(page)).framesDecoded;
  let latest = start;
  await expect
    .poll(
      async () => {
        latest = (await readPeerStats(page)).framesDecoded;
        return latest - start;
      },
      { message: `frames decoded since ${start} (the shared picture should be arriving)`, timeout },
    )
    .toBeGreaterThanOrEqual(frames);
  return latest;
}

/**
 * Waits until no new video frame is decoded for `quietMs` (the picture has
 * stopped, e.g. after Stop Share); returns the final count. The fake camera
 * sends 30 frames a second, so a second without one means it stopped.
 */
export async function waitForFramesStopped(
  page: Page,
  { quietMs = 1_000, timeout }: WaitOptions & { quietMs?: number } = {},
): Promise<number> {
  let previous = -1;
  await expect
    .poll(
      async () => {
        const current = (await readPeerStats(page)).framesDecoded;
        const unchanged = current === previous;
        previous = current;
        return unchanged;
      },
      { message: `video frames still being decoded (no ${quietMs} ms without one)`, intervals: [quietMs], timeout },
    )
    .toBe(true);
  return previous;
}

/**
 * Waits until the page hears sound: inbound audio energy grows by more than
 * `energy` from when called (the fake microphone beeps, so any growth is the
 * other party's voice arriving); returns the total energy.
 *
 * Chromium counts received audio energy only while the page plays it: the
 * remote track must be on an element that is not muted (a muted <video>
 * keeps totalAudioEnergy at 0 though packets arrive).
 */
export async function waitForAudioEnergy(
  page: Page,
  { energy = 0.001, timeout }: WaitOptions & { energy?: number } = {},
): Promise<number> {
  const start = (await readPeerStats(page)).totalAudioEnergy;
  let latest = start;
  await expect
    .poll(
      async () => {
        latest = (await readPeerStats(page)).totalAudioEnergy;
        return latest - start;
      },
      { message: `audio energy heard since ${start.toFixed(4)} (the other party's voice should be arriving)`, timeout },
    )
    .toBeGreaterThan(energy);
  return latest;
}
