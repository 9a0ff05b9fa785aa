import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatShareDuration, screenshareLine } from '../../src/domain/screenshare-lines';
import {
  DEFAULT_SCREENSHARE_TIMINGS,
  decideScreenshare,
  type ScreenshareAction,
  type ScreenshareRole,
} from '../../src/domain/screenshare-session';
import type { ScreenshareSession } from '../../src/protocol/screenshare';

const T0 = 1_000_000;
const timings = DEFAULT_SCREENSHARE_TIMINGS;

function requested(overrides: Partial<ScreenshareSession> = {}): ScreenshareSession {
  return {
    id: 's1',
    chat: { kind: 'patron', id: 'c1' },
    direction: 'host-shares',
    state: 'requested',
    host: { kind: 'operator', id: 'alice', name: 'Alice' },
    guest: { kind: 'patron', id: null, name: 'Riley' },
    requestedAt: T0,
    expiresAt: T0 + timings.screenshareRequestMs,
    startedAt: null,
    endedAt: null,
    endReason: null,
    endedBy: null,
    sourceLabel: null,
    guestReady: false,
    ...overrides,
  };
}

/** Runs the actions in order; each must be allowed. */
function run(session: ScreenshareSession, steps: Array<[ScreenshareAction, ScreenshareRole | null, number]>) {
  let current = session;
  const lines: string[] = [];
  for (const [action, role, now] of steps) {
    const decision = decideScreenshare(current, action, role, now);
    if (!decision.ok) throw new Error(`${action.type} refused: ${decision.message}`);
    current = decision.session;
    if (decision.step) lines.push(decision.step);
  }
  return { session: current, lines };
}

describe('the screenshare state machine', () => {
  it('goes requested, joined, connecting, audio-only, sharing, audio-only, ended, with a line for each step', () => {
    const { session, lines } = run(requested(), [
      [{ type: 'answer', join: true }, 'guest', T0 + 1_000],
      [{ type: 'reconnect' }, 'guest', T0 + 1_500],
      [{ type: 'launch' }, 'host', T0 + 2_000],
      [{ type: 'media', sharing: false, sourceLabel: null }, 'host', T0 + 3_000],
      [{ type: 'media', sharing: true, sourceLabel: 'Entire screen' }, 'host', T0 + 4_000],
      [{ type: 'media', sharing: false, sourceLabel: null }, 'host', T0 + 5_000],
      [{ type: 'end', by: 'guest' }, 'guest', T0 + 62_000],
    ]);
    expect(lines).toEqual(['joined', 'started', 'stopped', 'ended']);
    expect(session).toMatchObject({ state: 'ended', endReason: 'hung-up', endedBy: 'Riley', startedAt: T0 + 2_000 });
    expect(screenshareLine(session, 'ended', T0 + 62_000).body).toBe(
      'The screenshare ended after 1 min 0 s (Riley ended it).',
    );
  });

  it('needs the guest to Join, and their window to be there, before Launch', () => {
    expect(decideScreenshare(requested(), { type: 'launch' }, 'host', T0)).toMatchObject({
      ok: false,
      code: 'SCREENSHARE_NOT_YET',
    });
    const joined = run(requested(), [[{ type: 'answer', join: true }, 'guest', T0]]).session;
    expect(decideScreenshare(joined, { type: 'launch' }, 'host', T0)).toMatchObject({
      ok: false,
      code: 'SCREENSHARE_NOT_YET',
    });
    expect(decideScreenshare({ ...joined, guestReady: true }, { type: 'launch' }, 'host', T0).ok).toBe(true);
  });

  it('lets only the guest answer, only the host launch, only the sharer share', () => {
    expect(decideScreenshare(requested(), { type: 'answer', join: true }, 'host', T0)).toMatchObject({
      code: 'FORBIDDEN',
    });
    const ready = { ...requested(), state: 'joined' as const, guestReady: true };
    expect(decideScreenshare(ready, { type: 'launch' }, 'guest', T0)).toMatchObject({ code: 'FORBIDDEN' });
    const live = { ...ready, state: 'audio-only' as const };
    expect(decideScreenshare(live, { type: 'media', sharing: true, sourceLabel: null }, 'guest', T0)).toMatchObject({
      code: 'FORBIDDEN',
    });
    // Asked to see the patron's screen: the patron shares, the operator watches.
    const theirs = { ...live, direction: 'guest-shares' as const };
    expect(decideScreenshare(theirs, { type: 'media', sharing: true, sourceLabel: null }, 'guest', T0).ok).toBe(true);
    expect(decideScreenshare(theirs, { type: 'media', sharing: true, sourceLabel: null }, 'host', T0)).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('expires a request nobody answered, and a Join nobody launched, but nothing live', () => {
    const early = decideScreenshare(requested(), { type: 'expire' }, null, T0 + timings.screenshareRequestMs - 1);
    expect(early).toMatchObject({ ok: false, code: 'SCREENSHARE_NOT_YET' });
    const expired = decideScreenshare(requested(), { type: 'expire' }, null, T0 + timings.screenshareRequestMs);
    expect(expired).toMatchObject({ ok: true, step: 'expired', session: { state: 'ended', endReason: 'expired' } });
    expect(
      decideScreenshare(requested(), { type: 'answer', join: true }, 'guest', T0 + timings.screenshareRequestMs),
    ).toMatchObject({
      code: 'SCREENSHARE_OVER',
    });
    const joined = run(requested(), [[{ type: 'answer', join: true }, 'guest', T0]]).session;
    expect(joined.expiresAt).toBe(T0 + timings.screenshareLaunchMs);
    const live = { ...joined, state: 'sharing' as const, expiresAt: null };
    expect(decideScreenshare(live, { type: 'expire' }, null, T0 + 10 * 60 * 60_000)).toMatchObject({ ok: false });
  });

  it('says No thanks, Cancel and hanging up apart', () => {
    expect(decideScreenshare(requested(), { type: 'answer', join: false }, 'guest', T0)).toMatchObject({
      step: 'declined',
      session: { endReason: 'declined', endedBy: 'Riley' },
    });
    expect(decideScreenshare(requested(), { type: 'end', by: 'host' }, 'host', T0)).toMatchObject({
      step: 'cancelled',
      session: { endReason: 'cancelled' },
    });
    expect(decideScreenshare(requested(), { type: 'end', by: 'host' }, 'guest', T0)).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses everything once ended, and the desk ends any open session with the chat or a lost connection', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('requested', 'joined', 'connecting', 'audio-only', 'sharing' as const),
        fc.constantFrom<ScreenshareAction['type']>('chat-ended', 'connection-lost'),
        (state, why) => {
          const open = { ...requested(), state, guestReady: true };
          const decision = decideScreenshare(open, { type: why } as ScreenshareAction, null, T0);
          if (!decision.ok) return false;
          expect(decision.session.state).toBe('ended');
          const after = decideScreenshare(decision.session, { type: 'end', by: 'host' }, 'host', T0);
          return !after.ok && after.code === 'SCREENSHARE_OVER';
        },
      ),
    );
  });

  it('formats how long a screenshare lasted', () => {
    expect(formatShareDuration(35_000)).toBe('35 s');
    expect(formatShareDuration(252_000)).toBe('4 min 12 s');
    expect(formatShareDuration(3_900_000)).toBe('1 h 5 min');
  });
});
