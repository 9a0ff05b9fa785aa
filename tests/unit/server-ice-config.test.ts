import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config/config-error';
import { readIceSettings } from '../../server/config/ice-config';

const SECRET = 'north-branch-turn-secret';
const TURN = { DESKBELL_TURN_URLS: 'turn:turn.library.org:3478', DESKBELL_TURN_SECRET: SECRET };

/** The ConfigError message reading `env` throws. */
function refusal(env: Record<string, string>): string {
  try {
    readIceSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('reading the STUN and TURN servers for screen sharing', () => {
  it('a library that configures nothing gets no ICE servers and direct paths', () => {
    expect(readIceSettings({})).toEqual({ stunUrls: [], turn: null, relayOnly: false });
    expect(readIceSettings({ DESKBELL_STUN_URLS: '', DESKBELL_TURN_URLS: ' ' })).toEqual({
      stunUrls: [],
      turn: null,
      relayOnly: false,
    });
  });

  it('reads STUN URLs, TURN URLs with their transport, the secret, a lifetime and relay-only', () => {
    expect(
      readIceSettings({
        DESKBELL_STUN_URLS: 'stun:stun.library.org:3478, stuns:stun.library.org',
        DESKBELL_TURN_URLS:
          'turn:10.0.0.5:3478?transport=udp,turn:[2001:db8::5]:3478?transport=tcp,turns:turn.library.org:5349',
        DESKBELL_TURN_SECRET: SECRET,
        DESKBELL_TURN_TTL_SECONDS: '3600',
        DESKBELL_ICE_RELAY_ONLY: 'true',
      }),
    ).toEqual({
      stunUrls: ['stun:stun.library.org:3478', 'stuns:stun.library.org'],
      turn: {
        urls: [
          'turn:10.0.0.5:3478?transport=udp',
          'turn:[2001:db8::5]:3478?transport=tcp',
          'turns:turn.library.org:5349',
        ],
        secret: SECRET,
        ttlSeconds: 3600,
      },
      relayOnly: true,
    });
  });

  it('a minted TURN credential lasts ten minutes unless told otherwise, and relay-only is off', () => {
    expect(readIceSettings(TURN)).toMatchObject({ turn: { ttlSeconds: 600 }, relayOnly: false });
  });

  it.each([
    ['1', true],
    ['0', false],
    ['TRUE', true],
    ['false', false],
  ])('DESKBELL_ICE_RELAY_ONLY=%s means relay-only %s', (value, relayOnly) => {
    expect(readIceSettings({ ...TURN, DESKBELL_ICE_RELAY_ONLY: value }).relayOnly).toBe(relayOnly);
  });

  it('accepts the shortest and the longest credential lifetime', () => {
    expect(readIceSettings({ ...TURN, DESKBELL_TURN_TTL_SECONDS: '60' }).turn?.ttlSeconds).toBe(60);
    expect(readIceSettings({ ...TURN, DESKBELL_TURN_TTL_SECONDS: '86400' }).turn?.ttlSeconds).toBe(86400);
  });

  it.each([
    [{ DESKBELL_STUN_URLS: 'stun://stun.library.org' }, 'DESKBELL_STUN_URLS: must be a comma-separated list'],
    [{ DESKBELL_STUN_URLS: 'turn:turn.library.org' }, 'DESKBELL_STUN_URLS: must be a comma-separated list'],
    [{ DESKBELL_STUN_URLS: 'stun:stun.library.org?transport=udp' }, 'DESKBELL_STUN_URLS: must be'],
    [{ DESKBELL_STUN_URLS: 'stun:stun.library.org:70000' }, 'DESKBELL_STUN_URLS: must be'],
    [{ ...TURN, DESKBELL_TURN_URLS: 'https://turn.library.org' }, 'DESKBELL_TURN_URLS: must be a comma-separated list'],
    [{ ...TURN, DESKBELL_TURN_URLS: 'stun:turn.library.org' }, 'DESKBELL_TURN_URLS: must be'],
    [{ ...TURN, DESKBELL_TURN_URLS: 'turn:turn.library.org?transport=sctp' }, 'DESKBELL_TURN_URLS: must be'],
    [{ ...TURN, DESKBELL_TURN_URLS: 'turn:user@turn.library.org' }, 'DESKBELL_TURN_URLS: must be'],
    [{ DESKBELL_TURN_URLS: 'turn:turn.library.org' }, 'DESKBELL_TURN_SECRET: must be set with DESKBELL_TURN_URLS'],
    [{ DESKBELL_TURN_SECRET: SECRET }, 'DESKBELL_TURN_SECRET: is set but DESKBELL_TURN_URLS is not'],
    [{ ...TURN, DESKBELL_TURN_SECRET: 'short' }, 'DESKBELL_TURN_SECRET: must be at least 16 characters'],
    [{ ...TURN, DESKBELL_TURN_SECRET: ` ${SECRET}` }, 'DESKBELL_TURN_SECRET: must not start or end with a space'],
    [{ DESKBELL_TURN_TTL_SECONDS: '600' }, 'DESKBELL_TURN_TTL_SECONDS: is set but DESKBELL_TURN_URLS is not'],
    [{ ...TURN, DESKBELL_TURN_TTL_SECONDS: '59' }, 'DESKBELL_TURN_TTL_SECONDS: must be from 60 to 86400 seconds'],
    [{ ...TURN, DESKBELL_TURN_TTL_SECONDS: '86401' }, 'DESKBELL_TURN_TTL_SECONDS: must be from 60 to 86400 seconds'],
    [{ ...TURN, DESKBELL_TURN_TTL_SECONDS: '10m' }, 'DESKBELL_TURN_TTL_SECONDS: must be a whole number of seconds'],
    [{ ...TURN, DESKBELL_ICE_RELAY_ONLY: 'yes' }, 'DESKBELL_ICE_RELAY_ONLY: must be true, false, 1 or 0'],
    [{ DESKBELL_ICE_RELAY_ONLY: 'true' }, 'DESKBELL_ICE_RELAY_ONLY: relaying every path needs a TURN server'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(refusal(env)).toContain(message);
  });

  it('shows what was typed, except the TURN secret, which would end up in logs', () => {
    expect(refusal({ DESKBELL_STUN_URLS: 'stun//x' })).toContain('(got "stun//x")');
    expect(refusal({ ...TURN, DESKBELL_TURN_SECRET: 'too-short-pw' })).not.toContain('too-short-pw');
  });
});
