import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getDesktopBridge } from './desktop/get-desktop-bridge';
import { AlertPopup } from './features/alert-popup/alert-popup';
import './styles.css';

// The pop-up window's page (alert.html): one new-chat alert, asked of the desktop, answered through it.
const root = document.getElementById('root');
if (!root) throw new Error('alert.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AlertPopup bridge={getDesktopBridge()} />
  </StrictMode>,
);
