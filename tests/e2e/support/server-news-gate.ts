import type { BrowserContext } from '@playwright/test';

/** socket.io packets as they travel in a WebSocket frame: `42/operator,7["chat:claim",...]` is an event with ack id 7. */
const EVENT = /^42\/operator,\d*\["([^"]+)"/;
const ACK = /^43\/operator,\d+/;

/**
 * Sits between one browser context and the Deskbell server on the socket.io
 * WebSocket (Playwright's routeWebSocket, installed before the page opens):
 * everything the page sends goes straight through and is noted; what the
 * server sends can be held back and then released in order, as a slow
 * network would. Lets a test make sure two consoles act before either hears
 * of the other.
 */
export class ServerNewsGate {
  /** Names of the socket.io events the page has sent, in order. */
  readonly sentEvents: string[] = [];
  private holding = false;
  private readonly held: Array<{ message: string | Buffer; deliver: () => void }> = [];

  static async install(context: BrowserContext): Promise<ServerNewsGate> {
    const gate = new ServerNewsGate();
    await context.routeWebSocket(/\/socket\.io\//, (page) => {
      const server = page.connectToServer();
      page.onMessage((message) => {
        const name = typeof message === 'string' ? EVENT.exec(message)?.[1] : undefined;
        if (name) gate.sentEvents.push(name);
        server.send(message);
      });
      server.onMessage((message) => {
        const deliver = () => page.send(message);
        if (gate.holding) gate.held.push({ message, deliver });
        else deliver();
      });
    });
    return gate;
  }

  /** From now on the server's frames wait here. */
  hold(): void {
    this.holding = true;
  }

  /** How many answers to the page's requests (socket.io acks) are being held back. */
  heldAnswers(): number {
    return this.held.filter(({ message }) => typeof message === 'string' && ACK.test(message)).length;
  }

  /** Delivers everything held, in the order the server sent it, and stops holding. */
  release(): void {
    this.holding = false;
    for (const { deliver } of this.held.splice(0)) deliver();
  }
}
