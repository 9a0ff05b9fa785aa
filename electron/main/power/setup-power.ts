import type { AppContext } from '../app-context';
import { connectPower } from './connect-power';
import { createElectronNetwork } from './electron-network';
import { createElectronPowerMonitor } from './electron-power';

/** Auto-away and reconnect-now (see connect-power.ts). Returns the teardown. */
export function setUpPower(context: AppContext): () => void {
  return connectPower(context, { power: createElectronPowerMonitor(), network: createElectronNetwork() });
}
