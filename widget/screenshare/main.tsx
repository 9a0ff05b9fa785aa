import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ScreenshareWindowConnection } from '../../src/client/screenshare/screenshare-window-connection';
import { ScreenshareWindow } from './screenshare-window';
import { WindowCall } from './window-call';
import { takeWindowLink } from './window-link-store';
import './screenshare.css';

const link = takeWindowLink();
// Opening it again from the widget only changes the fragment (same window, no reload): take the key off again.
window.addEventListener('hashchange', () => void takeWindowLink());

const root = document.getElementById('root');
if (root) {
  // The window is served by the Deskbell server itself, so the socket goes to the same origin.
  const connection = link ? new ScreenshareWindowConnection({ url: `${location.origin}/patron`, ...link }) : null;
  const call = connection ? new WindowCall(connection) : null;
  createRoot(root).render(
    <StrictMode>
      <ScreenshareWindow connection={connection} call={call} />
    </StrictMode>,
  );
}
