import type { IncomingMessage } from 'node:http';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { patronAddress } from '../patrons/patron-address';
import { allowed, type LimiterFactory, memoryLimiters } from './rate-limiter';

/**
 * What one network address may open and start. Many patrons of one library can
 * share an address (a campus NAT, the public PCs behind one router), so the
 * limits stop a script, not a busy reading room: hundreds of open sockets,
 * a page load every tenth of a second, a new chat every two seconds.
 */
export interface AddressLimitOptions {
  /** Socket.io connections open at once from one address (patrons, staff and anything else). */
  socketsPerAddress: number;
  /** New connections one address may open per minute. */
  connectionsPerMinute: number;
  /** Chats one address may start per minute. */
  chatStartsPerMinute: number;
}

export const DEFAULT_ADDRESS_LIMITS: AddressLimitOptions = {
  socketsPerAddress: 500,
  connectionsPerMinute: 600,
  chatStartsPerMinute: 30,
};

/** socket.io's `allowRequest`: calls back with an error message, or null to let the handshake in. */
type AllowRequest = (
  request: IncomingMessage,
  callback: (error: string | null | undefined, ok: boolean) => void,
) => void;

/**
 * Per-address limits: rates through rate-limiter-flexible (memory store; its
 * Redis store comes with scale-out), the open-socket count kept here. The
 * address is the connection's, or the first X-Forwarded-For hop with
 * --trust-proxy (behind the library's own proxy every patron shares the proxy's).
 */
export class AddressLimits {
  private readonly open = new Map<string, number>();
  private readonly connections: RateLimiterAbstract;
  private readonly chatStarts: RateLimiterAbstract;

  constructor(
    private readonly options: AddressLimitOptions,
    private readonly trustProxy: boolean,
    makeLimiter: LimiterFactory = memoryLimiters,
  ) {
    this.connections = makeLimiter({
      keyPrefix: 'connections',
      points: options.connectionsPerMinute,
      duration: 60,
    });
    this.chatStarts = makeLimiter({
      keyPrefix: 'chat-starts',
      points: options.chatStartsPerMinute,
      duration: 60,
    });
  }

  addressOf(request: IncomingMessage): string {
    return (
      patronAddress({ address: request.socket.remoteAddress ?? '', headers: request.headers }, this.trustProxy) ??
      'unknown'
    );
  }

  /** For `new Server(..., { allowRequest })`: refuses a handshake over either limit. */
  readonly allowRequest: AllowRequest = (request, callback) => {
    const address = this.addressOf(request);
    if ((this.open.get(address) ?? 0) >= this.options.socketsPerAddress) {
      return callback('Too many connections from your network; close some chat windows and try again.', false);
    }
    allowed(this.connections, address).then(
      (ok) => callback(ok ? null : 'Too many new connections from your network; wait a minute and try again.', ok),
      () => callback(null, true),
    );
  };

  /** Counts a connection that got in, until it closes. */
  opened(request: IncomingMessage, onClose: (listener: () => void) => void): void {
    const address = this.addressOf(request);
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    onClose(() => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left <= 0) this.open.delete(address);
      else this.open.set(address, left);
    });
  }

  /** One more chat from this address, or false when it has started its share this minute. */
  mayStartChat(address: string | null): Promise<boolean> {
    return allowed(this.chatStarts, address ?? 'unknown');
  }
}
