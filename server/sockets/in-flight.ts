/**
 * Work the server started and has not finished: socket handlers, disconnect
 * bookkeeping (presence, a patron's away mark), upkeep ticks. Shutting down
 * waits for it before the database closes, so nothing a socket began meets a
 * closed connection pool ("driver has already been destroyed").
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Remembers `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => void this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Resolves once everything tracked so far, and anything that work started meanwhile, has settled. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
