import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getDesktopBridge } from './desktop/get-desktop-bridge';
import { SharingBar, sharingBarFromQuery } from './features/screenshare-picker/sharing-bar';
import './styles.css';

// The desktop's sharing bar (sharing-bar.html?source=...&watcher=..., or ?demo=1 in a browser).
const root = document.getElementById('root');
if (!root) throw new Error('sharing-bar.html has no #root element');
const bridge = getDesktopBridge();
const bar = sharingBarFromQuery(window.location.search);
if (bar) document.title = `Sharing ${bar.sourceLabel} with ${bar.watcherName} – Deskbell`;
createRoot(root).render(
  <StrictMode>
    <SharingBar bar={bar} onStop={() => bridge.stopShareFromBar?.()} />
  </StrictMode>,
);
