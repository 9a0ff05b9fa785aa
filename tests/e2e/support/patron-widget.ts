import {
  type Browser,
  type BrowserContext,
  expect,
  type FrameLocator,
  type Locator,
  type Page,
} from '@playwright/test';

/** What a patron types into the pre-chat form; only the question is required. */
export interface PrechatAnswers {
  question: string;
  name?: string;
  email?: string;
  /** The demo library's extra field, "Library card number". */
  libraryCard?: string;
}

/**
 * A patron on the demo library's home page (`/`) with the chat widget, in a
 * browser context of their own. Locators follow widget/README.md's test hooks.
 */
export class PatronWidget {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly serverUrl: string,
  ) {}

  static async visit(browser: Browser, serverUrl: string): Promise<PatronWidget> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${serverUrl}/`);
    return new PatronWidget(context, page, serverUrl);
  }

  /** The "Chat with a librarian" button the loader adds (inside its open shadow root). */
  get launcher(): Locator {
    return this.page.getByRole('button', { name: /^Chat with a librarian/ });
  }

  get frameElement(): Locator {
    return this.page.locator('iframe[title="Chat with a librarian"]');
  }

  /** Inside the chat panel. */
  get frame(): FrameLocator {
    return this.page.frameLocator('iframe[title="Chat with a librarian"]');
  }

  /** Clicks the launcher and waits for the panel to show the widget's heading. */
  async openPanel(): Promise<void> {
    await this.launcher.click();
    await expect(this.launcher).toHaveAttribute('aria-expanded', 'true');
    await expect(this.frame.getByRole('heading', { name: 'Ask a Librarian' })).toBeVisible();
  }

  get form(): Locator {
    return this.frame.getByRole('form', { name: 'Start a chat' });
  }

  /** Fills the pre-chat form, starts the chat, and waits for "A librarian will be with you shortly." */
  async startChat(answers: PrechatAnswers): Promise<void> {
    const form = this.form;
    await form.getByRole('textbox', { name: 'Your question (required)' }).fill(answers.question);
    if (answers.name !== undefined)
      await form.getByRole('textbox', { name: 'Your name (optional)' }).fill(answers.name);
    if (answers.email !== undefined)
      await form.getByRole('textbox', { name: 'Your email (optional)' }).fill(answers.email);
    if (answers.libraryCard !== undefined)
      await form.getByRole('textbox', { name: 'Library card number (optional)' }).fill(answers.libraryCard);
    await form.getByRole('button', { name: 'Start chat' }).click();
    await expect(this.waitingNotice).toBeVisible();
  }

  get waitingNotice(): Locator {
    return this.frame.getByRole('status').filter({ hasText: 'A librarian will be with you shortly.' });
  }

  /** The conversation (a live log). */
  get log(): Locator {
    return this.frame.getByRole('log', { name: 'Chat messages' });
  }

  /** The texts of the conversation's lines, in order (the patron's own, the librarian's, system lines). */
  async messageBodies(): Promise<string[]> {
    return this.log.locator('li .body').allInnerTexts();
  }

  /** Sends a message and waits until the server has stored it (the line no longer says "Sending..."). */
  async send(text: string): Promise<void> {
    const input = this.frame.getByRole('textbox', { name: 'Your message' });
    await input.fill(text);
    await input.press('Enter');
    await expect(this.log.locator('li').filter({ hasText: text })).toHaveCount(1);
    await expect(this.log.getByText('Sending...')).toHaveCount(0);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
