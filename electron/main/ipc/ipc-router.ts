import type { z } from 'zod';
import {
  DESKTOP_CHANNELS,
  parsePayload,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeResponse,
  type SendChannel,
} from '../../../src/protocol';
import type { Logger } from '../logger';
import { isTrustedSender, type IncomingMessage } from './trusted-sender';

/** The sender's id: the `webContents.id` of the page that sent the message. */
export type IpcSender = number;

type InvokeMap = typeof DESKTOP_CHANNELS.invoke;
type SendMap = typeof DESKTOP_CHANNELS.send;

/** A request as the handler sees it: already parsed with its schema. */
export type InvokeRequestParsed<C extends InvokeChannel> = z.output<InvokeMap[C]['request']>;
export type SendPayloadParsed<C extends SendChannel> = z.output<SendMap[C]>;

export type InvokeHandler<C extends InvokeChannel> = (
  request: InvokeRequestParsed<C>,
  sender: IpcSender,
) => InvokeResponse<C> | Promise<InvokeResponse<C>>;
export type SendHandler<C extends SendChannel> = (payload: SendPayloadParsed<C>, sender: IpcSender) => void;

/**
 * The main process's side of the typed channel map. Features register
 * handlers by channel name and get payloads already parsed; nothing from a
 * foreign frame or with a malformed payload ever reaches them.
 */
export interface IpcRouter {
  /** Answers an invoke channel; one handler per channel. Returns the unregister. */
  handle<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): () => void;
  /** Listens on a send channel; several listeners may share one. Returns the unsubscribe. */
  on<C extends SendChannel>(channel: C, handler: SendHandler<C>): () => void;
  /** Sends an event to the main window's console (dropped, and logged, if the payload is wrong). */
  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void;
}

/**
 * The wire underneath: Electron's ipcMain in the app (electron-ipc-transport.ts),
 * a fake in tests. It hands every message over raw, with who sent it.
 */
export interface IpcTransport {
  handle(channel: string, listener: (message: IncomingMessage) => Promise<unknown>): void;
  on(channel: string, listener: (message: IncomingMessage) => void): void;
  /** True when this webContents belongs to one of the app's own windows (main window or a pop-up). */
  isAppWindow(senderId: number): boolean;
}

export interface ChannelRouterDeps {
  log: Logger;
  /** Delivers an event to the main window's renderer (nothing when there is no window). */
  deliver(channel: EventChannel, payload: unknown): void;
}

type AnyInvokeHandler = (request: unknown, sender: IpcSender) => unknown;
type AnySendHandler = (payload: unknown, sender: IpcSender) => void;

/** The IpcRouter: a registry of handlers that a transport feeds once `connect`ed. */
export class ChannelRouter implements IpcRouter {
  readonly #invokeHandlers = new Map<string, AnyInvokeHandler>();
  readonly #sendHandlers = new Map<string, Set<AnySendHandler>>();
  #transport: IpcTransport | null = null;

  constructor(private readonly deps: ChannelRouterDeps) {}

  handle<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): () => void {
    if (this.#invokeHandlers.has(channel)) throw new Error(`${channel} already has a handler`);
    const entry = handler as AnyInvokeHandler;
    this.#invokeHandlers.set(channel, entry);
    return () => {
      if (this.#invokeHandlers.get(channel) === entry) this.#invokeHandlers.delete(channel);
    };
  }

  on<C extends SendChannel>(channel: C, handler: SendHandler<C>): () => void {
    const entry = handler as AnySendHandler;
    const handlers = this.#sendHandlers.get(channel) ?? new Set<AnySendHandler>();
    handlers.add(entry);
    this.#sendHandlers.set(channel, handlers);
    return () => {
      handlers.delete(entry);
    };
  }

  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    const result = DESKTOP_CHANNELS.events[channel].safeParse(payload);
    if (!result.success) {
      this.deps.log.error(`Not sending ${channel}: the payload does not match its schema`, describe(result.error));
      return;
    }
    this.deps.deliver(channel, result.data);
  }

  /**
   * Starts listening on every channel of the map at once, so a feature set up
   * later still receives messages (they are looked up when they arrive).
   */
  connect(transport: IpcTransport): void {
    if (this.#transport) throw new Error('The IPC router is already connected');
    this.#transport = transport;
    for (const channel of Object.keys(DESKTOP_CHANNELS.invoke) as InvokeChannel[]) {
      transport.handle(channel, (message) => this.receiveInvoke(channel, message, transport));
    }
    for (const channel of Object.keys(DESKTOP_CHANNELS.send) as SendChannel[]) {
      transport.on(channel, (message) => this.receiveSend(channel, message, transport));
    }
  }

  private async receiveInvoke(
    channel: InvokeChannel,
    message: IncomingMessage,
    transport: IpcTransport,
  ): Promise<unknown> {
    if (!isTrustedSender(message, transport)) {
      this.deps.log.warn(`Refused ${channel} from a page that is not Deskbell's`, sender(message));
      throw new Error(`${channel}: refused: only Deskbell's own pages may ask this`);
    }
    const request: unknown = parsePayload(DESKTOP_CHANNELS.invoke[channel].request, message.payload, channel);
    const handler = this.#invokeHandlers.get(channel);
    if (!handler) throw new Error(`${channel}: nothing answers this yet`);
    try {
      return await handler(request, message.senderId);
    } catch (error) {
      this.deps.log.error(`${channel} failed`, error);
      throw error;
    }
  }

  private receiveSend(channel: SendChannel, message: IncomingMessage, transport: IpcTransport): void {
    if (!isTrustedSender(message, transport)) {
      this.deps.log.warn(`Dropped ${channel} from a page that is not Deskbell's`, sender(message));
      return;
    }
    const result = DESKTOP_CHANNELS.send[channel].safeParse(message.payload);
    if (!result.success) {
      this.deps.log.warn(`Dropped ${channel}: the payload does not match its schema`, describe(result.error));
      return;
    }
    const handlers = this.#sendHandlers.get(channel);
    if (!handlers || handlers.size === 0) {
      this.deps.log.warn(`Dropped ${channel}: nothing listens to it yet`);
      return;
    }
    for (const handler of [...handlers]) {
      try {
        const returned = handler(result.data, message.senderId) as unknown;
        // An async listener's failure must not become an unhandled rejection in main.
        if (returned instanceof Promise)
          returned.catch((error: unknown) => this.deps.log.error(`${channel} failed`, error));
      } catch (error) {
        this.deps.log.error(`${channel} failed`, error);
      }
    }
  }
}

function sender(message: IncomingMessage): { senderId: number; frameUrl: string | null } {
  return { senderId: message.senderId, frameUrl: message.frameUrl };
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
}
