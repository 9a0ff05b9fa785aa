import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from '@playwright/test';
import { readIceSettings } from '../../server/config/ice-config';
import { mintIceConfig } from '../../server/screenshare/ice-servers';
import type { IceConfig } from '../../src/protocol/screenshare';
import { expect, test } from './support/fixtures';
import { readPeerStats, waitForAudioEnergy, waitForFramesGrowing, waitForFramesStopped } from './support/webrtc-stats';

/*
 * The harness itself, with no Deskbell UI: two browser contexts (the sharer
 * and the viewer) connect a real RTCPeerConnection inside the network
 * namespace, signalled through Playwright, and getStats() proves what
 * arrives. If these fail, the screen sharing e2e tests cannot pass either.
 */

type HarnessSignal = { kind: 'offer' | 'answer'; sdp: string } | { kind: 'candidate'; candidate: RTCIceCandidateInit };

declare global {
  interface Window {
    harnessSend?: (signal: HarnessSignal) => Promise<void>;
    harnessReceive?: (signal: HarnessSignal) => Promise<void>;
    harnessStopPicture?: () => Promise<void>;
  }
}

// http://127.0.0.1 is a secure context, so getUserMedia and getDisplayMedia are allowed; 10.203.0.1 would not be.
const PAGE = '<!doctype html><title>WebRTC harness</title><video autoplay playsinline></video>';

let pageServer: Server;
let pageUrl: string;

test.beforeAll(async () => {
  pageServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => pageServer.close(resolve));
});

/**
 * Runs in the page. The sharer sends a screen (getDisplayMedia) and a
 * microphone (getUserMedia); the viewer plays what arrives. Candidates that
 * come before the offer or answer wait for it.
 */
async function setUpPeer({ ice, sharer }: { ice: IceConfig; sharer: boolean }): Promise<void> {
  const peer = new RTCPeerConnection(ice);
  window.__deskbellPeer = peer;
  const send = window.harnessSend!;
  const early: RTCIceCandidateInit[] = [];
  peer.onicecandidate = ({ candidate }) => {
    if (candidate) void send({ kind: 'candidate', candidate: candidate.toJSON() });
  };
  peer.ontrack = ({ track, streams }) => {
    const video = document.querySelector('video')!;
    video.srcObject = streams[0] ?? new MediaStream([track]);
  };
  window.harnessReceive = async (signal) => {
    if (signal.kind === 'candidate') {
      if (peer.remoteDescription) await peer.addIceCandidate(signal.candidate);
      else early.push(signal.candidate);
      return;
    }
    await peer.setRemoteDescription({ type: signal.kind, sdp: signal.sdp });
    for (const candidate of early.splice(0)) await peer.addIceCandidate(candidate);
    if (signal.kind === 'offer') {
      await peer.setLocalDescription();
      await send({ kind: 'answer', sdp: peer.localDescription!.sdp });
    }
  };
  if (!sharer) return;

  const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
  const stream = new MediaStream([...microphone.getAudioTracks(), ...screen.getVideoTracks()]);
  for (const track of stream.getTracks()) peer.addTrack(track, stream);
  // Stop Share the way the app does it: the picture goes, the voice stays, nothing is renegotiated.
  window.harnessStopPicture = async () => {
    const video = peer.getSenders().find((sender) => sender.track?.kind === 'video');
    await video?.replaceTrack(null);
  };
  await peer.setLocalDescription();
  await send({ kind: 'offer', sdp: peer.localDescription!.sdp });
}

interface Peers {
  sharer: Page;
  viewer: Page;
}

/** Opens the sharer and the viewer in browser contexts of their own and connects them with `ice`. */
async function connect(browser: Browser, ice: IceConfig): Promise<Peers & { close(): Promise<void> }> {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [sharer, viewer] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page];
  // Each direction keeps its order (an offer before the candidates that follow it).
  const relay = (to: Page) => {
    let queue = Promise.resolve();
    return (signal: HarnessSignal) =>
      (queue = queue.then(() => to.evaluate((message) => window.harnessReceive!(message), signal)));
  };
  await sharer.exposeFunction('harnessSend', relay(viewer));
  await viewer.exposeFunction('harnessSend', relay(sharer));
  await Promise.all([sharer.goto(pageUrl), viewer.goto(pageUrl)]);
  await viewer.evaluate(setUpPeer, { ice, sharer: false });
  await sharer.evaluate(setUpPeer, { ice, sharer: true });
  return {
    sharer,
    viewer,
    close: async () => {
      await Promise.all(contexts.map((context) => context.close()));
    },
  };
}

test('two browsers in the namespace connect over its own address: the viewer sees the screen and hears the sharer', async ({
  browser,
}) => {
  const address = process.env.DESKBELL_NETNS_ADDRESS!;
  const peers = await connect(browser, mintIceConfig(readIceSettings({}), 'harness-direct', Date.now()));
  try {
    await expect.poll(async () => (await readPeerStats(peers.viewer)).connectionState).toBe('connected');
    await waitForFramesGrowing(peers.viewer);
    await waitForAudioEnergy(peers.viewer);

    expect(await readPeerStats(peers.viewer)).toMatchObject({ frameWidth: 1280, frameHeight: 720 });

    // Without the veth pair Chromium would gather nothing: the candidates are on the namespace's own addresses.
    const sharerStats = await readPeerStats(peers.sharer);
    expect(sharerStats.localCandidates).toContainEqual(expect.objectContaining({ type: 'host', address }));
    expect(sharerStats.selectedPair?.local).toMatchObject({ type: 'host' });

    // Stop Share: the picture stops, the voice goes on.
    await peers.sharer.evaluate(() => window.harnessStopPicture!());
    await waitForFramesStopped(peers.viewer);
    await waitForAudioEnergy(peers.viewer);
  } finally {
    await peers.close();
  }
});

test('with relay-only, the two browsers reach each other through coturn, with credentials minted by the server', async ({
  browser,
  coturn,
}) => {
  const settings = readIceSettings({
    DESKBELL_TURN_URLS: coturn.url,
    DESKBELL_TURN_SECRET: coturn.secret,
    DESKBELL_ICE_RELAY_ONLY: 'true',
  });
  const ice = mintIceConfig(settings, 'harness-relay', Date.now());
  expect(ice).toMatchObject({ iceTransportPolicy: 'relay' });
  expect(JSON.stringify(ice)).not.toContain(coturn.secret);

  const peers = await connect(browser, ice);
  try {
    await expect.poll(async () => (await readPeerStats(peers.viewer)).connectionState).toBe('connected');
    await waitForFramesGrowing(peers.viewer);
    await waitForAudioEnergy(peers.viewer);
    for (const page of [peers.sharer, peers.viewer]) {
      const { selectedPair } = await readPeerStats(page);
      expect(selectedPair).toMatchObject({ local: { type: 'relay' }, remote: { type: 'relay' } });
    }
  } finally {
    await peers.close();
  }
});
