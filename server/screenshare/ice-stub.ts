// TEMPORARY until the ICE configuration lands (server/config/ice-config.ts, server/screenshare/ice-servers.ts).
import type { IceConfig } from '../../src/protocol/screenshare';
export type IceSettings = { stunUrls: string[] };
export const NO_ICE: IceSettings = { stunUrls: [] };
export function mintIceConfig(settings: IceSettings, _sessionId: string, _now: number): IceConfig {
  return { iceServers: settings.stunUrls.length ? [{ urls: settings.stunUrls }] : [], iceTransportPolicy: 'all' };
}
