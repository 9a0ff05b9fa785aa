/**
 * The webPreferences of every Deskbell window: Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security) as data, so
 * each setting is tested in Node and the window adapters only pass it on.
 */
export interface SecureWebPreferences {
  preload: string;
  /** The preload's world and the page's world are separate: the page sees only `window.deskbell`. */
  contextIsolation: true;
  /** The renderer runs in Chromium's OS sandbox. */
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  /** Same-origin policy stays on. */
  webSecurity: true;
  allowRunningInsecureContent: false;
  /** No <webview>: it would be a window our checks do not see. */
  webviewTag: false;
  /** Dropping a file or link on the window must not navigate away from the console. */
  navigateOnDragDrop: false;
  /** A page cannot trap the operator in a loop of alert() dialogs. */
  safeDialogs: true;
  /** False on the main window: alerts and the socket must keep working while it is hidden in the tray. */
  backgroundThrottling: boolean;
  spellcheck: boolean;
}

const common = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const;

/** The operator console's window: it lives hidden in the tray all day and must not be throttled. */
export function mainWindowWebPreferences(preload: string): SecureWebPreferences {
  return { ...common, preload, backgroundThrottling: false, spellcheck: true };
}

/** A lower-right pop-up: visible while it matters, nothing to type into. */
export function popupWebPreferences(preload: string): SecureWebPreferences {
  return { ...common, preload, backgroundThrottling: true, spellcheck: false };
}
