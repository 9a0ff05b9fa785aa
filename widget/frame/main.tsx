import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PatronConnection } from '../../src/client/patron-connection';
import { App } from './app';
import { readFrameParams } from './frame-params';
import { localResumeTokenStore } from './resume-token-store';
import './frame.css';

const params = readFrameParams(location.search);
// The frame is served by the Deskbell server itself, so the socket goes to the same origin.
const connection = new PatronConnection({
  url: `${location.origin}/patron`,
  departmentId: params.department ?? '',
  tokens: localResumeTokenStore(params.department ?? ''),
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App connection={connection} params={params} />
    </StrictMode>,
  );
}
