/** Adapter: Electron's powerMonitor as the PowerMonitorPort. No decisions. */
import { powerMonitor } from 'electron';
import type { PowerMonitorPort } from './ports';

export function createElectronPowerMonitor(): PowerMonitorPort {
  return {
    onLockScreen(listener) {
      const handler = (): void => listener();
      powerMonitor.on('lock-screen', handler);
      return () => void powerMonitor.removeListener('lock-screen', handler);
    },
    onUnlockScreen(listener) {
      const handler = (): void => listener();
      powerMonitor.on('unlock-screen', handler);
      return () => void powerMonitor.removeListener('unlock-screen', handler);
    },
    onSuspend(listener) {
      const handler = (): void => listener();
      powerMonitor.on('suspend', handler);
      return () => void powerMonitor.removeListener('suspend', handler);
    },
    onResume(listener) {
      const handler = (): void => listener();
      powerMonitor.on('resume', handler);
      return () => void powerMonitor.removeListener('resume', handler);
    },
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    // 'locked' does not depend on the threshold; any value will do.
    isScreenLocked: () => powerMonitor.getSystemIdleState(60) === 'locked',
  };
}
