import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IceSettings } from '../../server/config/ice-config';
import { mintIceConfig } from '../../server/screenshare/ice-servers';
import { iceConfigSchema } from '../../src/protocol/screenshare';

const SECRET = 'north-branch-turn-secret';
const NOW_MS = 1_700_000_000_250;

const settings = (overrides: Partial<IceSettings> = {}): IceSettings => ({
  stunUrls: ['stun:stun.library.org:3478'],
  turn: {
    urls: ['turn:turn.library.org:3478?transport=udp', 'turns:turn.library.org:5349'],
    secret: SECRET,
    ttlSeconds: 600,
  },
  relayOnly: false,
  ...overrides,
});

describe('minting the ICE servers of one screen sharing session', () => {
  it("gives TURN coturn's REST credentials: the expiry and session as username, its HMAC-SHA1 as password", () => {
    const ice = mintIceConfig(settings(), 'session-42', NOW_MS);
    expect(ice.iceServers).toEqual([
      { urls: ['stun:stun.library.org:3478'] },
      {
        urls: ['turn:turn.library.org:3478?transport=udp', 'turns:turn.library.org:5349'],
        username: '1700000600:session-42',
        // printf '1700000600:session-42' | openssl dgst -sha1 -hmac 'north-branch-turn-secret' -binary | base64
        credential: 't6g7VcndxRi2FFKKWiMX9LrrD0k=',
      },
    ]);
    expect(iceConfigSchema.parse(ice)).toEqual(ice);
  });

  it('the credential lapses the configured number of seconds from now, and matches its username', () => {
    const ice = mintIceConfig(
      settings({ turn: { urls: ['turn:10.0.0.5'], secret: SECRET, ttlSeconds: 3600 } }),
      's-7',
      5_000_999,
    );
    const turn = ice.iceServers.find((server) => server.username !== undefined);
    expect(turn?.username).toBe(`${5000 + 3600}:s-7`);
    expect(turn?.credential).toBe(
      createHmac('sha1', SECRET)
        .update(`${5000 + 3600}:s-7`)
        .digest('base64'),
    );
  });

  it('each session gets a credential of its own', () => {
    const first = mintIceConfig(settings(), 'session-1', NOW_MS).iceServers[1];
    const second = mintIceConfig(settings(), 'session-2', NOW_MS).iceServers[1];
    expect(first?.credential).not.toBe(second?.credential);
  });

  it('never hands out the secret itself', () => {
    expect(JSON.stringify(mintIceConfig(settings({ relayOnly: true }), 'session-42', NOW_MS))).not.toContain(SECRET);
  });

  it('relay-only makes every path go through TURN; otherwise direct paths are allowed', () => {
    expect(mintIceConfig(settings({ relayOnly: true }), 's', NOW_MS).iceTransportPolicy).toBe('relay');
    expect(mintIceConfig(settings(), 's', NOW_MS).iceTransportPolicy).toBe('all');
  });

  it('STUN only: no credentials at all; nothing configured: no servers', () => {
    expect(mintIceConfig(settings({ turn: null }), 's', NOW_MS)).toEqual({
      iceServers: [{ urls: ['stun:stun.library.org:3478'] }],
      iceTransportPolicy: 'all',
    });
    expect(mintIceConfig({ stunUrls: [], turn: null, relayOnly: false }, 's', NOW_MS)).toEqual({
      iceServers: [],
      iceTransportPolicy: 'all',
    });
  });
});
