import type { AppContext } from '../app-context';
import { AutoAway } from './auto-away';
import type { NetworkPort, PowerMonitorPort } from './ports';
import { ReconnectHints } from './reconnect-hints';

export interface PowerPorts {
  power: PowerMonitorPort;
  network: NetworkPort;
}

/**
 * Auto-away and reconnect hints: the machine's lock, sleep, idle and network
 * events become `presence/status-request` and `connection/reconnect-now` for
 * the console; its `presence/report` tells auto-away what status the operator
 * has (and so whether they changed it by hand). Returns the teardown.
 */
export function connectPower(context: Pick<AppContext, 'ipc' | 'settings' | 'clock'>, ports: PowerPorts): () => void {
  const { ipc, settings, clock } = context;
  const autoAway = new AutoAway({
    power: ports.power,
    clock,
    autoAwayMinutes: () => settings.get().autoAwayMinutes,
    requestStatus: (request) => ipc.emit('presence/status-request', request),
  });
  const hints = new ReconnectHints({
    power: ports.power,
    network: ports.network,
    clock,
    hint: (hint) => ipc.emit('connection/reconnect-now', hint),
  });
  const stopReports = ipc.on('presence/report', (presence) => autoAway.report(presence));
  return () => {
    stopReports();
    autoAway.dispose();
    hints.dispose();
  };
}
