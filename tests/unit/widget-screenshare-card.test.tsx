// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../src/protocol/ack';
import type { ScreenshareSession } from '../../src/protocol/screenshare';
import { ScreenshareNotice } from '../../widget/frame/screenshare/screenshare-notice';
import { ScreenshareWindows, type WindowOpener } from '../../widget/frame/screenshare/screenshare-windows';
import { timeLeftMs } from '../../widget/frame/screenshare/time-left';
import { cannotShareScreen, type DeviceFacts, PHONE_NOTE } from '../../widget/screenshare-device';
import { newWindowKey, readWindowLink } from '../../widget/screenshare-link';

const REQUESTED_AT = 1_700_000_000_000;
const COMPUTER: DeviceFacts = { hasDisplayCapture: true, coarsePointer: false, screenShortSide: 1080 };
const PHONE: DeviceFacts = { hasDisplayCapture: false, coarsePointer: true, screenShortSide: 390 };

function sessionOf(patch: Partial<ScreenshareSession> = {}): ScreenshareSession {
  return {
    id: 'session-1',
    chat: { kind: 'patron', id: 'chat-1' },
    direction: 'host-shares',
    state: 'requested',
    host: { kind: 'operator', id: 'op-alice', name: 'Alice' },
    guest: { kind: 'patron', id: null, name: 'Pat Reader' },
    requestedAt: REQUESTED_AT,
    expiresAt: REQUESTED_AT + 90_000,
    startedAt: null,
    endedAt: null,
    endReason: null,
    endedBy: null,
    sourceLabel: null,
    guestReady: false,
    ...patch,
  };
}

/** What the widget did, in order: windows opened and answers sent. */
function recorder(options: { blocked?: boolean; answer?: Ack<ScreenshareSession> } = {}) {
  const steps: string[] = [];
  const opened: Array<{ url: string; name: string; features: string }> = [];
  const opener: WindowOpener = {
    origin: 'https://chat.library.example',
    open(url, name, features) {
      steps.push('open');
      opened.push({ url, name, features });
      return options.blocked ? null : ({ closed: false, focus: vi.fn(), close: vi.fn() } as unknown as Window);
    },
  };
  const answers: Array<{ sessionId: string; join: boolean; windowKey?: string }> = [];
  const connection = {
    answerScreenshare: vi.fn(async (sessionId: string, join: boolean, windowKey?: string) => {
      steps.push(join ? 'join' : 'no thanks');
      answers.push({ sessionId, join, ...(windowKey ? { windowKey } : {}) });
      return options.answer ?? { ok: true as const, data: sessionOf({ state: join ? 'joined' : 'ended' }) };
    }),
    endScreenshare: vi.fn(async () => ({ ok: true as const, data: sessionOf({ state: 'ended' }) })),
  };
  return { steps, opened, answers, connection, windows: new ScreenshareWindows(opener) };
}

let now = REQUESTED_AT + 500;
beforeEach(() => {
  now = REQUESTED_AT + 500;
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("the widget's screenshare request card", () => {
  it('asks plainly, shows the time left to answer and counts it down', () => {
    const { connection, windows } = recorder();
    render(
      <ScreenshareNotice
        session={sessionOf()}
        connection={connection}
        windows={windows}
        device={COMPUTER}
        now={() => now}
      />,
    );
    const card = screen.getByRole('region', { name: 'Alice would like to share their screen with you' });
    expect(card).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Join' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'No thanks' })).toBeTruthy();
    expect(screen.getByText('1:30 left to answer')).toBeTruthy();
    now += 25_000;
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByText('1:05 left to answer')).toBeTruthy();
  });

  it('Join opens the screenshare window with a fresh key, in the click itself, and then answers with that key', async () => {
    const { connection, windows, steps, opened, answers } = recorder();
    render(
      <ScreenshareNotice
        session={sessionOf()}
        connection={connection}
        windows={windows}
        device={COMPUTER}
        now={() => now}
      />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Join' })));

    expect(steps).toEqual(['open', 'join']);
    const [window] = opened;
    expect(window?.name).toBe('deskbell-screenshare-session-1');
    expect(window?.features).toBe('popup,width=1100,height=760');
    const link = new URL(window?.url ?? '');
    expect(`${link.origin}${link.pathname}`).toBe('https://chat.library.example/widget/screenshare.html');
    const key = answers[0]?.windowKey ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readWindowLink(link.hash)).toEqual({ sessionId: 'session-1', windowKey: key });
    expect(answers).toEqual([{ sessionId: 'session-1', join: true, windowKey: key }]);
  });

  it('a blocked popup still answers Join, and offers a button that opens the window with the same key', async () => {
    const { connection, windows, opened, answers } = recorder({ blocked: true });
    const { rerender } = render(
      <ScreenshareNotice
        session={sessionOf()}
        connection={connection}
        windows={windows}
        device={COMPUTER}
        now={() => now}
      />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Join' })));
    expect(answers).toHaveLength(1);

    rerender(
      <ScreenshareNotice
        session={sessionOf({ state: 'joined' })}
        connection={connection}
        windows={windows}
        device={COMPUTER}
        now={() => now}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Screenshare in its own window' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Your browser blocked the screenshare window');
    fireEvent.click(screen.getByRole('button', { name: 'Open the screenshare window' }));
    expect(opened).toHaveLength(2);
    expect(opened[1]?.url).toBe(opened[0]?.url);
    expect(screen.getByRole('button', { name: 'End screenshare' })).toBeTruthy();
  });

  it('No thanks answers no, and opens nothing', async () => {
    const { connection, windows, opened, answers } = recorder();
    render(
      <ScreenshareNotice
        session={sessionOf()}
        connection={connection}
        windows={windows}
        device={COMPUTER}
        now={() => now}
      />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'No thanks' })));
    expect(answers).toEqual([{ sessionId: 'session-1', join: false }]);
    expect(opened).toEqual([]);
  });

  it('says why a Join was refused, and forgets the window it opened for it', async () => {
    const refused: Ack<ScreenshareSession> = {
      ok: false,
      error: { code: 'SCREENSHARE_OVER', message: 'This screenshare request has expired.' },
    };
    const { connection, windows } = recorder({ answer: refused });
    render(
      <ScreenshareNotice
        session={sessionOf()}
        connection={connection}
        windows={windows}
        device={COMPUTER}
        now={() => now}
      />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Join' })));
    expect(screen.getByRole('alert').textContent).toBe('This screenshare request has expired.');
    expect(windows.keyOf('session-1')).toBeNull();
  });

  it("explains what sharing one's own screen means, and tells a phone plainly that it does not work there", () => {
    const { connection, windows } = recorder();
    const asked = sessionOf({ direction: 'guest-shares' });
    const { rerender } = render(
      <ScreenshareNotice session={asked} connection={connection} windows={windows} device={COMPUTER} now={() => now} />,
    );
    expect(screen.getByRole('heading', { name: 'Alice would like to see your screen' })).toBeTruthy();
    expect(
      screen.getByText(
        /You choose what to show: a window, a tab or your whole screen; nothing is shared until you choose\./,
      ),
    ).toBeTruthy();
    expect(screen.queryByText(PHONE_NOTE)).toBeNull();

    rerender(
      <ScreenshareNotice session={asked} connection={connection} windows={windows} device={PHONE} now={() => now} />,
    );
    expect(screen.getByText(PHONE_NOTE)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Join' })).toBeTruthy();

    // Watching the librarian's screen works on a phone as usual: no note.
    rerender(
      <ScreenshareNotice
        session={sessionOf()}
        connection={connection}
        windows={windows}
        device={PHONE}
        now={() => now}
      />,
    );
    expect(screen.queryByText(PHONE_NOTE)).toBeNull();
  });

  it('shows nothing once the screenshare is over (the chat lines say how it went)', () => {
    const { connection, windows } = recorder();
    const { container } = render(
      <ScreenshareNotice
        session={sessionOf({ state: 'ended' })}
        connection={connection}
        windows={windows}
        now={() => now}
      />,
    );
    expect(container.innerHTML).toBe('');
  });
});

describe('the pieces behind the card', () => {
  it("counts the time left from the server's deadline, or from first sight when the patron's clock is off", () => {
    const session = sessionOf();
    expect(timeLeftMs(session, REQUESTED_AT + 30_000, REQUESTED_AT + 200)).toBe(60_000);
    // The patron's clock is ten minutes fast: the deadline seems long past, so count from when the card appeared.
    const fast = REQUESTED_AT + 600_000;
    expect(timeLeftMs(session, fast + 10_000, fast)).toBe(80_000);
    expect(timeLeftMs(session, REQUESTED_AT + 200_000, REQUESTED_AT)).toBe(0);
  });

  it('tells a phone-sized touch screen, or a browser without screen capture, from a computer', () => {
    expect(cannotShareScreen(COMPUTER)).toBe(false);
    expect(cannotShareScreen(PHONE)).toBe(true);
    expect(cannotShareScreen({ hasDisplayCapture: true, coarsePointer: true, screenShortSide: 400 })).toBe(true);
    // A touch laptop is a computer.
    expect(cannotShareScreen({ hasDisplayCapture: true, coarsePointer: true, screenShortSide: 1080 })).toBe(false);
  });

  it('makes window keys of 32 random bytes in url-safe base64, and refuses a malformed window address', () => {
    const key = newWindowKey((bytes) => bytes.fill(0xfb));
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // 0xfb bytes are '+' and '/' in plain base64.
    expect(key.startsWith('-_v7')).toBe(true);
    expect(newWindowKey()).not.toBe(newWindowKey());
    expect(readWindowLink('#session=s1&key=short')).toBeNull();
    expect(readWindowLink('#session=s1&key=bad key with spaces 0123456789')).toBeNull();
    expect(readWindowLink('#key=0123456789abcdef0123')).toBeNull();
  });
});
