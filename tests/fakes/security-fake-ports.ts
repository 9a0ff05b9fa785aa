import type { GuardedContents, SecurityPorts } from '../../electron/main/security/security-ports';

/** A webContents as the security guards see it; tests try to navigate, open windows, attach webviews. */
export class FakeGuardedContents implements GuardedContents {
  private navigate: ((event: { preventDefault(): void }, url: string) => void)[] = [];
  private webview: ((event: { preventDefault(): void }) => void)[] = [];
  private openHandler: ((url: string) => { action: 'deny' }) | null = null;

  onNavigate(listener: (event: { preventDefault(): void }, url: string) => void): void {
    this.navigate.push(listener);
  }
  onAttachWebview(listener: (event: { preventDefault(): void }) => void): void {
    this.webview.push(listener);
  }
  setWindowOpenHandler(handler: (url: string) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  /** True when the navigation goes ahead. */
  tryNavigate(url: string): boolean {
    let prevented = false;
    for (const listener of this.navigate) listener({ preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }
  /** True when the webview would be attached. */
  tryAttachWebview(): boolean {
    let prevented = false;
    for (const listener of this.webview) listener({ preventDefault: () => (prevented = true) });
    return !prevented;
  }
  /** What the window-open handler answers; 'allow' when there is none (Electron's default). */
  tryOpenWindow(url: string): 'allow' | 'deny' {
    return this.openHandler ? this.openHandler(url).action : 'allow';
  }
}

export class FakeSecurityPorts implements SecurityPorts {
  readonly opened: string[] = [];
  openFails = false;
  decide: ((permission: string, requestingUrl: string) => boolean) | null = null;
  private created: ((contents: GuardedContents) => void)[] = [];

  onWebContentsCreated(listener: (contents: GuardedContents) => void): void {
    this.created.push(listener);
  }
  setPermissionHandlers(decide: (permission: string, requestingUrl: string) => boolean): void {
    this.decide = decide;
  }
  openExternal(url: string): Promise<void> {
    if (this.openFails) return Promise.reject(new Error('no browser'));
    this.opened.push(url);
    return Promise.resolve();
  }

  /** Electron creates a webContents (a window, a pop-up). */
  createContents(): FakeGuardedContents {
    const contents = new FakeGuardedContents();
    for (const listener of this.created) listener(contents);
    return contents;
  }
}
