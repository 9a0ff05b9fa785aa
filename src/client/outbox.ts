import type { Ack, AckError } from '../protocol/ack';

/**
 * Sends that must not be lost: each payload carries its own client-made id, so
 * the server stores a retried send once. A send stays pending until the server
 * acknowledges it (it is committed) or refuses it; a time-out or a dropped
 * connection leaves it pending, and `flush()` on reconnect sends it again.
 */
export interface OutboxOptions<P extends { id: string }, R> {
  /** Emits one payload and resolves with the server's Ack; rejects on time-out or disconnect. */
  emit: (payload: P) => Promise<Ack<R>>;
  isConnected: () => boolean;
  onDelivered: (payload: P, result: R) => void;
  onRejected: (payload: P, error: AckError) => void;
  /** Called whenever the set of pending sends changes. */
  onChange?: () => void;
}

export class Outbox<P extends { id: string }, R> {
  private readonly pending = new Map<string, P>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly options: OutboxOptions<P, R>) {}

  send(payload: P): void {
    this.pending.set(payload.id, payload);
    this.options.onChange?.();
    if (this.options.isConnected()) void this.attempt(payload);
  }

  /** Sends every pending payload that is not already on its way; call it on (re)connect. */
  flush(): void {
    if (!this.options.isConnected()) return;
    for (const payload of this.pending.values()) {
      if (!this.inFlight.has(payload.id)) void this.attempt(payload);
    }
  }

  /** Pending payloads in the order they were first sent. */
  list(): P[] {
    return [...this.pending.values()];
  }

  get size(): number {
    return this.pending.size;
  }

  private async attempt(payload: P): Promise<void> {
    this.inFlight.add(payload.id);
    let ack: Ack<R>;
    try {
      ack = await this.options.emit(payload);
    } catch {
      // Timed out or disconnected: keep it pending; the next flush retries it.
      return;
    } finally {
      this.inFlight.delete(payload.id);
    }
    if (!this.pending.delete(payload.id)) return;
    if (ack.ok) this.options.onDelivered(payload, ack.data);
    else this.options.onRejected(payload, ack.error);
    this.options.onChange?.();
  }
}
