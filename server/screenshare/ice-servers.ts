import { createHmac } from 'node:crypto';
import type { IceConfig } from '../../src/protocol/screenshare';
import type { IceSettings } from '../config/ice-config';

/**
 * The ICE servers one session's two peers are given: the STUN URLs as
 * configured, and TURN with a credential minted for this session that lapses
 * after the configured lifetime. This is coturn's REST scheme
 * (`use-auth-secret`, draft-uberti-behave-turn-rest): the username is
 * `<expiry in Unix seconds>:<session id>` and the password is
 * base64(HMAC-SHA1(static-auth-secret, username)), which coturn recomputes;
 * the secret itself never leaves the server.
 */
export function mintIceConfig(settings: IceSettings, sessionId: string, nowMs: number): IceConfig {
  const iceServers: IceConfig['iceServers'] = [];
  if (settings.stunUrls.length > 0) iceServers.push({ urls: [...settings.stunUrls] });
  if (settings.turn !== null) {
    const expiresAt = Math.floor(nowMs / 1000) + settings.turn.ttlSeconds;
    const username = `${expiresAt}:${sessionId}`;
    const credential = createHmac('sha1', settings.turn.secret).update(username).digest('base64');
    iceServers.push({ urls: [...settings.turn.urls], username, credential });
  }
  return { iceServers, iceTransportPolicy: settings.relayOnly ? 'relay' : 'all' };
}
