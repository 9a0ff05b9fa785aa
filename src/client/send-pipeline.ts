import type { Ack, AckError } from '../protocol/ack';
import type { BackoffOptions } from './backoff';
import { Outbox, type Queued } from './outbox';

/** A message on its way, as a conversation shows it: the payload, and why its last try failed while it waits. */
export type Pending<P> = P & { retrying?: AckError };

/** A message the server refused for good, with the reason. */
export type Refused<P> = P & { error: AckError };

export interface SendPipelineOptions<P extends { id: string; body: string }, R> {
  /** The conversation a payload belongs to (a chat's id, a staff chat's id). */
  keyOf: (payload: P) => string;
  /** One try; resolves with the server's Ack, rejects when no answer came in time. */
  emit: (payload: P) => Promise<Ack<R>>;
  isConnected: () => boolean;
  onDelivered: (result: R) => void;
  /** A conversation's pending or refused sends changed (also when its last one left). */
  onChanged: (key: string) => void;
  backoff?: BackoffOptions;
}

/**
 * Messages a librarian writes, from "Sending..." to stored or refused: an
 * Outbox (sent again with the same id until stored) plus what was refused for
 * good, kept per conversation. The console has two, one for patron chats and
 * one for staff chats; they differ only in their event and their key.
 */
export class SendPipeline<P extends { id: string; body: string }, R> {
  private readonly outbox: Outbox<P, R>;
  private readonly refusedById = new Map<string, Refused<P>>();
  /** Conversations that had pending or refused sends at the last change. */
  private lastKeys = new Set<string>();

  constructor(private readonly options: SendPipelineOptions<P, R>) {
    this.outbox = new Outbox({
      emit: options.emit,
      isConnected: options.isConnected,
      onDelivered: (_payload, result) => options.onDelivered(result),
      onRejected: (payload, error) => this.refusedById.set(payload.id, { ...withoutRetrying(payload), error }),
      onChange: () => this.announceChanges(),
      backoff: options.backoff,
    });
  }

  send(payload: P): void {
    this.outbox.send(payload);
  }

  /** Sends what waits (after a reconnect and its catch-up). */
  flush(): void {
    this.outbox.flush();
  }

  /** Drops what waits, for good (log out). */
  stop(): void {
    this.outbox.stop();
  }

  pending(key: string): Array<Pending<P>> {
    return this.outbox
      .list()
      .filter((payload) => this.options.keyOf(payload) === key)
      .map((payload) => (payload.retrying ? payload : withoutRetrying(payload)));
  }

  refused(key: string): Array<Refused<P>> {
    return [...this.refusedById.values()].filter((message) => this.options.keyOf(message) === key);
  }

  /** Forgets a refused message the librarian has read. */
  dismissRefused(id: string): void {
    const message = this.refusedById.get(id);
    if (message && this.refusedById.delete(id)) this.options.onChanged(this.options.keyOf(message));
  }

  private announceChanges(): void {
    const keyOf = this.options.keyOf;
    const now = new Set([
      ...this.outbox.list().map(keyOf),
      ...[...this.refusedById.values()].map((message) => keyOf(message)),
    ]);
    for (const key of new Set([...now, ...this.lastKeys])) this.options.onChanged(key);
    this.lastKeys = now;
  }
}

function withoutRetrying<P>(payload: Queued<P>): P {
  const { retrying: _retrying, ...rest } = payload;
  return rest as P;
}
