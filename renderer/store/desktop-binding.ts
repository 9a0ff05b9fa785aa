import type { StoreApi } from 'zustand';
import type { OperatorStatus } from '../../src/protocol';
import { playChirp } from '../desktop/chirp-player';
import type { ConsoleRuntime } from './console-runtime';
import type { ConsoleState } from './console-state';

/**
 * Routes what the desktop asks of the console into the store, for the store's
 * whole life (logged in or not):
 * - a status request (the tray menu, auto-away, coming back) becomes the same
 *   `status:set` the Status menu sends, so the server, the store and (through
 *   the presence report) the tray all follow; a request made while the
 *   connection is down waits for it to come back, because after a resume the
 *   "back to Online" arrives while the console is still reconnecting;
 * - a reconnect hint (resume, unlock, network change) drops and reopens the
 *   connection at once, and its catch-up shows what arrived meanwhile;
 * - "play the chirp" plays it: the desktop's main process decides when, the
 *   renderer has the speakers;
 * - changed settings replace the Settings page's copy.
 * In a browser none of these ever fires. Returns the function that undoes it.
 */
export function bindDesktop(store: StoreApi<ConsoleState>, runtime: ConsoleRuntime): () => void {
  const { bridge } = runtime.deps;
  let pendingStatus: OperatorStatus | null = null;

  const applyStatus = (status: OperatorStatus) => {
    if (!runtime.connection()) return; // Logged out: there is no status to change.
    if (store.getState().connection === 'connected') {
      pendingStatus = null;
      // Offline from the tray asks about chats in progress, as the console's own selector does.
      void (status === 'offline' ? store.getState().requestLeave('offline') : store.getState().setStatus(status));
    } else {
      // The latest request wins; it goes out once the connection has caught up.
      pendingStatus = status;
    }
  };

  const stopPending = store.subscribe((state, previous) => {
    if (state.phase !== 'logged-in') pendingStatus = null;
    if (pendingStatus && state.connection === 'connected' && previous.connection !== 'connected') {
      applyStatus(pendingStatus);
    }
  });

  const unsubscribers = [
    stopPending,
    bridge.onStatusRequest(({ status }) => applyStatus(status)),
    bridge.onReconnectHint(() => runtime.connection()?.reconnectNow()),
    bridge.onPlaySound(({ sound, volume }) => (runtime.deps.playSound ?? playChirp)(volume, sound)),
    bridge.onSettingsChanged((settings) => store.setState({ desktopSettings: settings })),
    // The desktop's sharing bar: Stop Share, while the console may be hidden behind the shared window.
    bridge.onStopShareRequested(() => void store.getState().stopShare()),
  ];
  void store.getState().loadSettings();

  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
