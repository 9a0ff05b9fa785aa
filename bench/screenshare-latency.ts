/**
 * bench/screenshare-latency: how quickly the patron sees the operator's
 * screen, and how quickly the picture stops after Stop Share.
 *
 *   bash scripts/in-network-namespace.sh npx tsx bench/screenshare-latency.ts [--runs 10] [--out FILE]
 *
 * WebRTC needs an address that is not loopback, so it runs inside the test
 * network namespace (the script refuses otherwise); everything stays on this
 * machine. Needs `npm run build`. One real Deskbell server (`--demo`, fresh
 * SQLite), Debian's Chromium with fake media (a 1280x720 test pattern for the
 * screen, a beep for each microphone), alice's console and a patron's widget
 * in browser contexts of their own, the chat claimed once. Each run, through
 * the real UI: Request Screenshare, the patron's Join (its screenshare window
 * opens), Launch, Share Screen as soon as it is enabled, then Stop Share, End.
 *
 * The patron's window polls its peer connection's getStats() every 5 ms and
 * notes (Date.now(), one clock for both pages) when framesDecoded first and
 * last grew:
 *   - Launch to first frame: the Launch click to the first decoded frame
 *     (connecting, the voices, the Share Screen click, the picker, the picture);
 *   - Share Screen to first frame: the part after the click;
 *   - Stop Share to last frame: the Stop Share click to the last frame decoded.
 * The baseline, in the same run and browser: two bare pages connect an
 * RTCPeerConnection with the same fake screen and microphone, signalling
 * handed over by Playwright (no server, no UI), measured the same way from
 * "start" and from replaceTrack(null). Medians of `--runs` runs each.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { positiveOption, startDeskbell } from './bench-kit';
import { DEMO_PASSWORD } from './demo-login';
import { summarize } from './stats';

const BENCH = 'screenshare-latency';
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    out: { type: 'string', default: `reports/bench/${BENCH}.json` },
  },
});
const runs = positiveOption(BENCH, 'runs', values.runs);

if (!process.env.DESKBELL_NETNS_ADDRESS) {
  console.error(
    `${BENCH}: run it inside the network namespace: bash scripts/in-network-namespace.sh npx tsx bench/${BENCH}.ts`,
  );
  process.exit(2);
}

declare global {
  interface Window {
    __deskbellPeer?: RTCPeerConnection;
    __frames?: { first: number | null; last: number | null; count: number };
  }
}

/** Runs in a page: from now on, note when framesDecoded first and last grew (Date.now()). */
function watchFrames(): void {
  const record = { first: null as number | null, last: null as number | null, count: 0 };
  window.__frames = record;
  let seen: number | null = null;
  const timer = window.setInterval(() => {
    const peer = window.__deskbellPeer;
    if (!peer || window.__frames !== record) return window.clearInterval(timer);
    void peer.getStats().then((stats) => {
      let frames = 0;
      stats.forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
      });
      const now = Date.now();
      if (seen !== null && frames > seen) {
        record.first ??= now;
        record.last = now;
        record.count += frames - seen;
      }
      seen = frames;
    });
  }, 5);
}

const frames = (page: Page) => page.evaluate(() => window.__frames ?? { first: null, last: null, count: 0 });

async function waitFor<T>(what: string, read: () => Promise<T | null | false>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > until) throw new Error(`${BENCH}: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--autoplay-policy=no-user-gesture-required',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

async function mediaContext(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  // Playwright's grants deny what they do not name: local network access is what ICE host candidates need.
  await context.grantPermissions(['notifications', 'microphone', 'camera', 'local-network-access'], { origin });
  return context;
}

interface Sample {
  launchToFirstFrame: number;
  shareToFirstFrame: number;
  stopToLastFrame: number;
}

async function deskbellRuns(browser: Browser): Promise<Sample[]> {
  const dataDir = mkdtempSync(join(tmpdir(), `deskbell-${BENCH}-`));
  const server = await startDeskbell({ dataDir });
  try {
    const consoleContext = await mediaContext(browser, server.url);
    const alice = await consoleContext.newPage();
    await alice.goto(`${server.url}/console/`);
    await alice.getByRole('textbox', { name: 'Username' }).fill('alice');
    await alice.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await alice.getByRole('button', { name: 'Log in' }).click();
    await alice.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Online' });

    const patronContext = await mediaContext(browser, server.url);
    const patron = await patronContext.newPage();
    await patron.goto(`${server.url}/`);
    await patron.getByRole('button', { name: /chat with a librarian/i }).click();
    const frame = patron.frameLocator('iframe[title="Chat with a librarian"]');
    await frame.getByRole('textbox', { name: 'Your question (required)' }).fill('How do I renew a book online?');
    await frame.getByRole('textbox', { name: 'Your name (optional)' }).fill('Bench Patron');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    await alice.getByRole('button', { name: 'Claim Chat' }).first().click();
    await frame.getByText("You're chatting with Alice").waitFor();

    const bar = alice.getByRole('region', { name: 'Screenshare' });
    const samples: Sample[] = [];
    for (let run = 0; run < runs; run += 1) {
      await bar.getByRole('button', { name: 'Request Screenshare' }).click();
      const opens = patronContext.waitForEvent('page');
      await frame
        .getByRole('region', { name: /would like to share their screen/ })
        .getByRole('button', { name: 'Join' })
        .click();
      const viewer = await opens;
      await viewer.waitForLoadState();
      await bar.getByRole('button', { name: 'Launch' }).waitFor();
      await waitFor('the patron window', () => bar.getByRole('button', { name: 'Launch' }).isEnabled());

      const launchedAt = Date.now();
      await bar.getByRole('button', { name: 'Launch' }).click();
      await waitFor('the patron peer', () => viewer.evaluate(() => window.__deskbellPeer !== undefined));
      await viewer.evaluate(watchFrames);
      const share = bar.getByRole('button', { name: 'Share Screen' });
      await waitFor('Share Screen enabled', () => share.isEnabled().catch(() => false));
      const sharedAt = Date.now();
      await share.click();
      const first = await waitFor('the first frame', async () => (await frames(viewer)).first);

      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const stoppedAt = Date.now();
      await bar.getByRole('button', { name: 'Stop Share' }).click();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const last = (await frames(viewer)).last ?? stoppedAt;
      samples.push({
        launchToFirstFrame: first - launchedAt,
        shareToFirstFrame: first - sharedAt,
        stopToLastFrame: Math.max(0, last - stoppedAt),
      });
      await bar.getByRole('button', { name: 'End' }).click();
      await bar.getByRole('button', { name: 'Request Screenshare' }).waitFor();
      await viewer.close();
    }
    await consoleContext.close();
    await patronContext.close();
    return samples;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same fake screen and microphone between two bare pages, signalled by hand: WebRTC's own cost here. */
async function bareRuns(browser: Browser): Promise<Sample[]> {
  const page = createServer((_request, response) => response.end('<!doctype html><title>bare</title>'));
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
  const samples: Sample[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const [senderContext, viewerContext] = await Promise.all([
        mediaContext(browser, url),
        mediaContext(browser, url),
      ]);
      const [sender, viewer] = await Promise.all([senderContext.newPage(), viewerContext.newPage()]);
      await Promise.all([sender.goto(url), viewer.goto(url)]);
      const relay = (to: Page) => {
        let queue = Promise.resolve();
        return (signal: unknown) =>
          (queue = queue.then(() =>
            to.evaluate(
              (message) => (window as unknown as { receive(m: unknown): Promise<void> }).receive(message),
              signal,
            ),
          ));
      };
      await sender.exposeFunction('send', relay(viewer));
      await viewer.exposeFunction('send', relay(sender));
      const setUp = async (sharer: boolean) => {
        const w = window as unknown as {
          send(m: unknown): Promise<void>;
          receive(m: unknown): Promise<void>;
          stop(): Promise<void>;
        };
        const mic = sharer
          ? (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0]
          : undefined;
        const peer = new RTCPeerConnection();
        window.__deskbellPeer = peer;
        peer.onicecandidate = ({ candidate }) => void (candidate && w.send({ candidate: candidate.toJSON() }));
        const early: RTCIceCandidateInit[] = [];
        w.receive = async (message) => {
          const m = message as { candidate?: RTCIceCandidateInit; type?: 'offer' | 'answer'; sdp?: string };
          if (m.candidate) {
            if (peer.remoteDescription) await peer.addIceCandidate(m.candidate);
            else early.push(m.candidate);
            return;
          }
          await peer.setRemoteDescription({ type: m.type!, sdp: m.sdp! });
          for (const candidate of early.splice(0)) await peer.addIceCandidate(candidate);
          if (m.type === 'offer') {
            await peer.setLocalDescription();
            await w.send({ type: 'answer', sdp: peer.localDescription!.sdp });
          }
        };
        if (!sharer) return;
        const video = peer.addTransceiver('video', { direction: 'sendonly' });
        peer.addTransceiver('audio', { direction: 'sendrecv' }).sender.replaceTrack(mic ?? null);
        const screen = (await navigator.mediaDevices.getDisplayMedia({ video: true })).getVideoTracks()[0]!;
        await video.sender.replaceTrack(screen);
        w.stop = async () => video.sender.replaceTrack(null);
        await peer.setLocalDescription();
        await w.send({ type: 'offer', sdp: peer.localDescription!.sdp });
      };
      await viewer.evaluate(setUp, false);
      await viewer.evaluate(watchFrames);
      const startedAt = Date.now();
      await sender.evaluate(setUp, true);
      const first = await waitFor('the first bare frame', async () => (await frames(viewer)).first);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const stoppedAt = Date.now();
      await sender.evaluate(() => (window as unknown as { stop(): Promise<void> }).stop());
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const last = (await frames(viewer)).last ?? stoppedAt;
      samples.push({
        launchToFirstFrame: first - startedAt,
        shareToFirstFrame: first - startedAt,
        stopToLastFrame: Math.max(0, last - stoppedAt),
      });
      await Promise.all([senderContext.close(), viewerContext.close()]);
    }
    return samples;
  } finally {
    page.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const bare = await bareRuns(browser);
  const deskbell = await deskbellRuns(browser);
  const median = (samples: Sample[], key: keyof Sample) => summarize(samples.map((sample) => sample[key])).p50;
  const rows = (['launchToFirstFrame', 'shareToFirstFrame', 'stopToLastFrame'] as const).map((key) => ({
    figure: key,
    deskbellMs: median(deskbell, key),
    bareWebrtcMs: median(bare, key),
    ratio: median(deskbell, key) / Math.max(1, median(bare, key)),
  }));
  console.log(`${BENCH}: ${runs} runs each, medians (ms)`);
  for (const row of rows)
    console.log(
      `  ${row.figure.padEnd(20)} Deskbell ${row.deskbellMs.toFixed(0).padStart(6)}   bare WebRTC ${row.bareWebrtcMs.toFixed(0).padStart(6)}   ${row.ratio.toFixed(2)}x`,
    );
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify({ runs, rows, deskbell, bare }, null, 2));
} finally {
  await browser.close();
}
