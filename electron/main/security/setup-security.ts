import type { AppContext } from '../app-context';
import { decideWindowOpen, mayNavigate } from './navigation';
import { mayGrantPermission } from './permissions';
import type { GuardedContents, SecurityPorts } from './security-ports';

/**
 * Electron's security checklist, applied to every webContents as it is
 * created (so pop-ups are covered too): navigation stays in the app, no
 * <webview>, no new windows (http/https links go to the system browser), and
 * only the permissions the console needs.
 */
export function setUpSecurity(context: AppContext, ports: SecurityPorts): void {
  const { log } = context;
  ports.onWebContentsCreated((contents) => guard(contents, ports, log));
  ports.setPermissionHandlers((permission, requestingUrl) => {
    const granted = mayGrantPermission({ permission, requestingUrl });
    if (!granted) log.warn('Denied a permission', { permission, requestingUrl });
    return granted;
  });
}

function guard(contents: GuardedContents, ports: SecurityPorts, log: AppContext['log']): void {
  contents.onNavigate((event, url) => {
    if (mayNavigate(url)) return;
    event.preventDefault();
    log.warn('Stopped a page from leaving the app', { url });
  });
  contents.onAttachWebview((event) => {
    event.preventDefault();
    log.warn('Refused a <webview>');
  });
  contents.setWindowOpenHandler((url) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) {
      ports.openExternal(decision.openExternally).catch((error: unknown) => log.error('Could not open a link', error));
    } else {
      log.warn('Refused to open a window', { url });
    }
    return { action: decision.action };
  });
}
