import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OperatorConnection } from '../src/client/operator-connection';
import { createHttpAdminApi } from './api/admin-api';
import { createHttpConsoleApi } from './api/console-api';
import { createHttpReportsApi } from './api/reports-api';
import { serverUrl } from './config';
import { playChirp } from './desktop/chirp-player';
import { getDesktopBridge } from './desktop/get-desktop-bridge';
import { connectionOptionsFor, serverTargetFor } from './desktop/server-target';
import { ConsoleApp } from './features/app/console-app';
import { createConsoleStore } from './store/console-store';
import { ConsoleStoreProvider } from './store/store-context';
import './styles.css';

/** The network came back (the browser's `online` event): reconnect without waiting out the back-off. */
const onlineSignal = (listener: () => void) => {
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
};

// The only file with side effects: wire the real server, the real bridge, and render.
async function start(): Promise<void> {
  const bridge = getDesktopBridge();
  const target = await serverTargetFor(bridge, serverUrl());
  const http = { credentials: target.desktop ? 'omit' : 'include' } as const;
  const store = createConsoleStore({
    api: createHttpConsoleApi(target.url, http),
    adminApi: createHttpAdminApi(target.url, http),
    reportsApi: createHttpReportsApi(target.url, http),
    bridge,
    now: () => Date.now(),
    playSound: playChirp,
    reloadPage: () => window.location.reload(),
    createConnection: (token) => new OperatorConnection(connectionOptionsFor(target, token, { onlineSignal })),
  });

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <ConsoleStoreProvider store={store}>
        <ConsoleApp />
      </ConsoleStoreProvider>
    </StrictMode>,
  );
}

void start();
