import type { ReconnectHint } from '../../../src/protocol';
import type { Cancel, Clock } from '../clock';
import type { NetworkPort, PowerMonitorPort, Unsubscribe } from './ports';

/** How often the network is looked at; cheap, and short enough to reconnect "at once" after a switch. */
export const NETWORK_POLL_MS = 5_000;

export interface ReconnectHintsOptions {
  power: PowerMonitorPort;
  network: NetworkPort;
  clock: Clock;
  /** Tells the console to reconnect now (`connection/reconnect-now`). */
  hint: (hint: ReconnectHint) => void;
}

/**
 * After sleep, an unlock or a network switch a socket can look open for
 * minutes while it is dead. This tells the console to reconnect at once
 * (it then fetches what arrived meanwhile), instead of waiting for timeouts:
 * the "stuck connecting after sleep" complaint.
 */
export class ReconnectHints {
  private online: boolean;
  private fingerprint: string;
  private readonly unsubscribe: Array<Unsubscribe | Cancel>;

  constructor(private readonly options: ReconnectHintsOptions) {
    const { power, network, clock, hint } = options;
    this.online = network.isOnline();
    this.fingerprint = fingerprintOf(network.addresses());
    this.unsubscribe = [
      power.onResume(() => hint({ reason: 'resume' })),
      power.onUnlockScreen(() => hint({ reason: 'unlock' })),
      clock.setInterval(() => this.poll(), NETWORK_POLL_MS),
    ];
  }

  dispose(): void {
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  /** Reconnects when the network comes back or changes; losing it has nothing to reconnect to. */
  private poll(): void {
    const online = this.options.network.isOnline();
    const fingerprint = fingerprintOf(this.options.network.addresses());
    const changed = (online && !this.online) || (online && fingerprint !== this.fingerprint);
    this.online = online;
    this.fingerprint = fingerprint;
    if (changed) this.options.hint({ reason: 'network' });
  }
}

/** The same addresses in any order are the same network. */
function fingerprintOf(addresses: readonly string[]): string {
  return [...new Set(addresses)].sort().join(' ');
}
