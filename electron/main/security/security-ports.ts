import type { Preventable } from '../windows/window-ports';

/** One webContents (window, pop-up, anything Electron creates), as the guards need it. */
export interface GuardedContents {
  /** will-navigate, will-frame-navigate and will-redirect: any frame about to go somewhere. */
  onNavigate(listener: (event: Preventable, url: string) => void): void;
  onAttachWebview(listener: (event: Preventable) => void): void;
  setWindowOpenHandler(handler: (url: string) => { action: 'deny' }): void;
}

/** Electron's app/session/shell parts that enforce the security checklist (electron-security.ts). */
export interface SecurityPorts {
  /** Every webContents the app ever creates, as it is created. */
  onWebContentsCreated(listener: (contents: GuardedContents) => void): void;
  /** Answers permission requests (a page asks) and checks (a page queries) on the default session. */
  setPermissionHandlers(decide: (permission: string, requestingUrl: string) => boolean): void;
  /** shell.openExternal: the system browser. */
  openExternal(url: string): Promise<void>;
}
