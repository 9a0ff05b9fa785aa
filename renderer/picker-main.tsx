import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { SharePick, ShareSource } from '../src/protocol';
import { getDesktopBridge } from './desktop/get-desktop-bridge';
import { demoSources } from './features/screenshare-picker/demo-sources';
import { SharePicker } from './features/screenshare-picker/share-picker';
import './styles.css';

// The desktop's picker window (picker.html): its sources and the operator's answer go through the bridge.
// In a plain browser (no desktop bridge) `?demo=1` shows a made-up list, for screenshots and design work.
const root = document.getElementById('root');
if (!root) throw new Error('picker.html has no #root element');
const demo = !window.deskbell && new URLSearchParams(window.location.search).get('demo') === '1';
const bridge = getDesktopBridge();
const loadSources: () => Promise<ShareSource[]> = demo
  ? () => Promise.resolve(demoSources())
  : () => bridge.pickerSources();
const onPick = (pick: SharePick): void => {
  if (demo) document.body.dataset.demoPick = pick.sourceId ?? 'cancel';
  else bridge.pickSource(pick);
};
createRoot(root).render(
  <StrictMode>
    <SharePicker loadSources={loadSources} onPick={onPick} />
  </StrictMode>,
);
