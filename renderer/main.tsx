import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OperatorConnection } from '../src/client/operator-connection';
import { createHttpConsoleApi } from './api/console-api';
import { serverUrl } from './config';
import { getDesktopBridge } from './desktop/get-desktop-bridge';
import { ConsoleApp } from './features/app/console-app';
import { createConsoleStore } from './store/console-store';
import { ConsoleStoreProvider } from './store/store-context';
import './styles.css';

// The only file with side effects: wire the real server, the real bridge, and render.
const url = serverUrl();
const store = createConsoleStore({
  api: createHttpConsoleApi(url),
  bridge: getDesktopBridge(),
  now: () => Date.now(),
  createConnection: (token) =>
    new OperatorConnection({
      ...(url ? { url } : {}),
      ...(token ? { token } : {}),
      onlineSignal: (listener) => {
        window.addEventListener('online', listener);
        return () => window.removeEventListener('online', listener);
      },
    }),
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
