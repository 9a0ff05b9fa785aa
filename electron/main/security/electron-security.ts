/** Adapter: hands every webContents, the default session's permission hooks and shell.openExternal to setUpSecurity. */
import { app, session, shell, type WebContents } from 'electron';
import type { GuardedContents, SecurityPorts } from './security-ports';

export function electronSecurityPorts(): SecurityPorts {
  return {
    onWebContentsCreated: (listener) => {
      app.on('web-contents-created', (_event, contents) => listener(guarded(contents)));
    },
    setPermissionHandlers: (decide) => {
      session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
        callback(decide(permission, details.requestingUrl)),
      );
      session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
        decide(permission, requestingOrigin),
      );
    },
    openExternal: (url) => shell.openExternal(url),
  };
}

function guarded(contents: WebContents): GuardedContents {
  return {
    onNavigate: (listener) => {
      contents.on('will-navigate', (event) => listener(event, event.url));
      contents.on('will-frame-navigate', (event) => listener(event, event.url));
      contents.on('will-redirect', (event) => listener(event, event.url));
    },
    onAttachWebview: (listener) => {
      contents.on('will-attach-webview', (event) => listener(event));
    },
    setWindowOpenHandler: (handler) => contents.setWindowOpenHandler(({ url }) => handler(url)),
  };
}
