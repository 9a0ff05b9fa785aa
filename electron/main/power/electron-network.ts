/** Adapter: Electron's net.isOnline() and Node's network interfaces as the NetworkPort. No decisions. */
import { networkInterfaces } from 'node:os';
import { net } from 'electron';
import { externalAddresses } from './network-addresses';
import type { NetworkPort } from './ports';

export function createElectronNetwork(): NetworkPort {
  return {
    isOnline: () => net.isOnline(),
    addresses: () => externalAddresses(networkInterfaces()),
  };
}
