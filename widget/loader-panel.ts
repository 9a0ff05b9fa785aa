import { buildFrameUrl, type LoaderParams } from './loader-params';
import { CHAT_ICON, LOADER_CSS } from './loader-styles';
import { MESSAGE_TAG, isFrameToLoader, type LoaderToFrame } from './frame-messages';

/**
 * The launcher button and the chat panel on the library's page. The frame is
 * created on first open (a page view that never opens the chat costs the
 * server no socket) and then kept, hidden, so a chat continues and can count
 * unread messages while the panel is closed.
 */
export class LauncherPanel {
  private readonly button: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLDivElement;
  private frame: HTMLIFrameElement | null = null;
  private open = false;
  /** The patron opened the panel before the frame had loaded: focus it once it says it is ready. */
  private focusWhenReady = false;
  /** Remembers an open panel across page loads, so a refresh mid-chat shows the chat again. */
  private readonly openKey: string;
  /** Remembers a chat under way with the panel closed: the frame loads hidden and keeps counting unread. */
  private readonly chatKey: string;

  constructor(
    private readonly params: LoaderParams,
    root: ShadowRoot,
  ) {
    this.openKey = `deskbell:open:${params.department}`;
    this.chatKey = `deskbell:chat:${params.department}`;
    const style = document.createElement('style');
    style.textContent = LOADER_CSS;

    this.panel = document.createElement('div');
    this.panel.className = 'panel';
    this.panel.id = 'deskbell-panel';
    this.panel.hidden = true;

    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'launcher';
    this.button.setAttribute('aria-expanded', 'false');
    this.button.setAttribute('aria-controls', this.panel.id);
    this.button.innerHTML = CHAT_ICON;
    const label = document.createElement('span');
    label.textContent = params.label;
    this.badge = document.createElement('span');
    this.badge.className = 'badge';
    this.badge.hidden = true;
    this.button.append(label, this.badge);
    this.button.addEventListener('click', () => this.setOpen(!this.open, true));

    root.append(style, this.panel, this.button);
    window.addEventListener('message', (event) => this.onMessage(event));
    if (this.recall(this.openKey)) this.setOpen(true, false);
    else if (this.recall(this.chatKey)) this.frame = this.createFrame();
  }

  /** Opens or closes the panel; `focus` moves focus into the chat (a patron's click), not on page load. */
  setOpen(open: boolean, focus: boolean): void {
    this.open = open;
    this.remember(this.openKey, open);
    if (open && !this.frame) this.frame = this.createFrame();
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (open) {
      this.setUnread(0);
      if (focus) this.frame?.focus();
    }
    this.focusWhenReady = open && focus;
    this.tellFrame(focus);
  }

  private createFrame(): HTMLIFrameElement {
    const frame = document.createElement('iframe');
    frame.title = this.params.label;
    frame.src = buildFrameUrl(this.params, { href: location.href, referrer: document.referrer });
    this.panel.append(frame);
    return frame;
  }

  private onMessage(event: MessageEvent): void {
    // Only our own frame, served from the loader's origin, may drive the panel.
    if (!this.frame || event.source !== this.frame.contentWindow || event.origin !== this.params.origin) return;
    const data: unknown = event.data;
    if (!isFrameToLoader(data)) return;
    if (data.type === 'ready') {
      this.tellFrame(this.focusWhenReady);
      this.focusWhenReady = false;
    } else if (data.type === 'close') {
      this.setOpen(false, false);
      this.button.focus();
    } else if (data.type === 'chat') {
      this.remember(this.chatKey, data.active);
    } else if (!this.open) {
      this.setUnread(data.count);
    }
  }

  private tellFrame(focus: boolean): void {
    const message: LoaderToFrame = { tag: MESSAGE_TAG, type: 'panel', open: this.open, focus };
    this.frame?.contentWindow?.postMessage(message, this.params.origin);
  }

  private setUnread(count: number): void {
    this.badge.hidden = count === 0;
    this.badge.innerHTML = '';
    if (count === 0) return;
    // Read as "Chat with a librarian, 2 new messages"; only the number shows.
    const before = document.createElement('span');
    before.className = 'sr-only';
    before.textContent = ', ';
    const after = document.createElement('span');
    after.className = 'sr-only';
    after.textContent = count === 1 ? ' new message' : ' new messages';
    this.badge.append(before, String(count), after);
  }

  private recall(key: string): boolean {
    try {
      return sessionStorage.getItem(key) === '1';
    } catch {
      return false; // storage blocked: the panel simply starts closed
    }
  }

  private remember(key: string, value: boolean): void {
    try {
      if (value) sessionStorage.setItem(key, '1');
      else sessionStorage.removeItem(key);
    } catch {
      // storage blocked: nothing to remember
    }
  }
}
