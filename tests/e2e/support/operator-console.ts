import { type Browser, type BrowserContext, expect, type Locator, type Page, type WebSocket } from '@playwright/test';
import { alertsOf, recordAlerts, type RecordedAlerts } from './alert-recorder';

/** The demo library's password for alice, bob and sam (server --demo). */
export const DEMO_PASSWORD = 'deskbell-demo';

type StatusLabel = 'Online' | 'Internal' | 'Away' | 'Offline';

/**
 * One librarian at the browser console, in a browser context of their own
 * (their own cookie, their own socket). Locators follow renderer/README.md's
 * test hooks: roles and accessible names first.
 */
export class OperatorConsole {
  /** Every WebSocket the console has opened, in order (socket.io's transport after its upgrade). */
  readonly sockets: WebSocket[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly username: string,
  ) {
    page.on('websocket', (socket) => this.sockets.push(socket));
  }

  /**
   * Opens /console/ in a fresh context with pop-ups allowed and every pop-up and chirp recorded.
   * `prepare` runs on the context before the page opens (e.g. to route its WebSocket).
   */
  static async open(
    browser: Browser,
    serverUrl: string,
    username: string,
    prepare?: (context: BrowserContext) => Promise<void>,
  ): Promise<OperatorConsole> {
    const context = await browser.newContext();
    await recordAlerts(context, serverUrl);
    await prepare?.(context);
    const page = await context.newPage();
    await page.goto(`${serverUrl}/console/`);
    return new OperatorConsole(context, page, username);
  }

  async logIn(password = DEMO_PASSWORD): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Username' }).fill(this.username);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Log in' }).click();
    await expect(this.connection).toHaveAttribute('data-connection-state', 'connected');
  }

  /** Picks a status and waits until the server has accepted it (the select follows the server's answer). */
  async setStatus(status: StatusLabel): Promise<void> {
    const select = this.page.getByRole('combobox', { name: 'Status' });
    await select.selectOption({ label: status });
    await expect(select).toHaveValue(status.toLowerCase());
  }

  /** Logged in and Online: ready to be alerted about new chats. */
  async logInOnline(): Promise<void> {
    await this.logIn();
    await this.setStatus('Online');
  }

  /** The console's WebSockets that are open right now. */
  openSockets(): WebSocket[] {
    return this.sockets.filter((socket) => !socket.isClosed());
  }

  /** The connection indicator (role status with data-connection-state). */
  get connection(): Locator {
    return this.page.locator('[data-connection-state]');
  }

  get patronChats(): Locator {
    return this.page.getByRole('list', { name: 'Patron Chats' });
  }

  /** The row under Patron Chats for the patron with this name. */
  waitingRow(patronName: string): Locator {
    return this.patronChats
      .locator('li[data-chat-id]')
      .filter({ has: this.page.getByRole('button', { name: patronName, exact: true }) });
  }

  /** The right panel showing the chat with this patron (preview, claimed or ended). */
  openChat(patronName: string): Locator {
    return this.page.getByRole('region', { name: patronName, exact: true });
  }

  /** Opens Add Participants in the chat with this patron and returns its dialog (departments and colleagues). */
  async openAddParticipants(patronName: string): Promise<Locator> {
    const chat = this.openChat(patronName);
    await chat.getByRole('button', { name: 'Add Participants' }).click();
    return chat.getByRole('dialog', { name: 'Add Participants' });
  }

  /** The open chat's message log. */
  get messages(): Locator {
    return this.page.getByRole('log', { name: 'Messages' });
  }

  /** Bodies of the stored messages in the open chat, in the order the log shows them. */
  async messageBodies(): Promise<string[]> {
    return this.messages.locator('li[data-seq] .message-body').allInnerTexts();
  }

  /** Sequence numbers of the stored messages in the open chat, in the order the log shows them. */
  async messageSeqs(): Promise<number[]> {
    return this.messages
      .locator('li[data-seq]')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seq'))));
  }

  /** Types a reply and presses Enter, then waits until the server has stored it (no longer "Sending..."). */
  async reply(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Reply' }).fill(text);
    await this.page.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await expect(this.messages.locator('li[data-seq]').filter({ hasText: text })).toHaveCount(1);
  }

  /** Claims the patron's chat from its Patron Chats row and waits until it is this operator's to answer. */
  async claim(patronName: string): Promise<void> {
    await this.waitingRow(patronName).getByRole('button', { name: 'Claim Chat' }).click();
    await expect(this.openChat(patronName).getByRole('button', { name: 'End Chat' })).toBeVisible();
  }

  alerts(): Promise<RecordedAlerts> {
    return alertsOf(this.page);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
