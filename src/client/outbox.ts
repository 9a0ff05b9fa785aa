import { isRetryable, type Ack, type AckError } from '../protocol/ack';
import { Backoff, type BackoffOptions } from './backoff';
import { timers } from './timers';

/**
 * Sends that must not be lost: each payload carries its own client-made id, so
 * the server stores a retried send once. A send stays pending until the server
 * stores it or refuses it for good. A failure that may pass (the database
 * restarting, the server busy: `isRetryable`) or an answer that did not come
 * in time keeps it pending and sends it again after a pause; a dropped
 * connection keeps it pending until `flush()` on reconnect. Only a final
 * refusal (the chat ended, the message is too long, ...) takes it out.
 */
export interface OutboxOptions<P extends { id: string }, R> {
  /** Emits one payload and resolves with the server's Ack; rejects on time-out or disconnect. */
  emit: (payload: P) => Promise<Ack<R>>;
  isConnected: () => boolean;
  onDelivered: (payload: P, result: R) => void;
  /** A final refusal: the payload has left the outbox. */
  onRejected: (payload: P, error: AckError) => void;
  /** Called whenever the pending sends, or why they are being retried, change. */
  onChange?: () => void;
  /** The pause before a retry; 1 s doubling to 30 s by default. */
  backoff?: BackoffOptions;
}

/** A pending payload; `retrying` says why its last try failed while it waits to be sent again. */
export type Queued<P> = P & { retrying?: AckError };

const NO_ANSWER: AckError = { code: 'TIMEOUT', message: 'The server did not answer in time.' };

export class Outbox<P extends { id: string }, R> {
  private readonly pending = new Map<string, P>();
  private readonly inFlight = new Set<string>();
  private readonly retrying = new Map<string, AckError>();
  private readonly backoff: Backoff;
  private retryTimer: unknown = null;

  constructor(private readonly options: OutboxOptions<P, R>) {
    this.backoff = new Backoff(options.backoff);
  }

  send(payload: P): void {
    this.pending.set(payload.id, payload);
    this.options.onChange?.();
    // While a retry waits out its pause, newer sends wait with it (the server is having a moment).
    if (this.options.isConnected() && this.retryTimer === null) void this.attempt(payload);
  }

  /** Sends every pending payload that is not already on its way; call it on (re)connect. */
  flush(): void {
    if (!this.options.isConnected()) return;
    this.cancelRetry();
    for (const payload of this.pending.values()) {
      if (!this.inFlight.has(payload.id)) void this.attempt(payload);
    }
  }

  /** Pending payloads in the order they were first sent, each with the reason it is being retried, if it is. */
  list(): Array<Queued<P>> {
    return [...this.pending.values()].map((payload) => {
      const retrying = this.retrying.get(payload.id);
      return retrying ? { ...payload, retrying } : payload;
    });
  }

  get size(): number {
    return this.pending.size;
  }

  /** Stops the retry timer (the outbox is being replaced or closed); pending payloads stay listed. */
  stop(): void {
    this.cancelRetry();
  }

  private async attempt(payload: P): Promise<void> {
    this.inFlight.add(payload.id);
    let ack: Ack<R> | null;
    try {
      ack = await this.options.emit(payload);
    } catch {
      // No answer: a time-out while connected is tried again after a pause; a drop waits for the next flush.
      ack = this.options.isConnected() ? { ok: false, error: NO_ANSWER } : null;
    } finally {
      this.inFlight.delete(payload.id);
    }
    if (!this.pending.has(payload.id) || ack === null) return;
    if (ack.ok) {
      this.settle(payload);
      this.backoff.reset();
      this.options.onDelivered(payload, ack.data);
    } else if (isRetryable(ack.error.code)) {
      this.retrying.set(payload.id, ack.error);
      this.retryLater();
    } else {
      this.settle(payload);
      this.options.onRejected(payload, ack.error);
    }
    this.options.onChange?.();
  }

  private settle(payload: P): void {
    this.pending.delete(payload.id);
    this.retrying.delete(payload.id);
  }

  private retryLater(): void {
    if (this.retryTimer !== null) return;
    this.retryTimer = timers.setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, this.backoff.next());
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
