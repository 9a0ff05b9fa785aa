/**
 * One value read from the database and kept for a short while: for small,
 * rarely changed tables read on every patron's start (departments, the
 * pre-chat form's fields). The repository that writes the table clears it at
 * once; a change written by another server process shows within `ttlMs`.
 * A read that fails is not kept.
 */
export class ReadThroughCache<T> {
  private kept: { value: Promise<T>; until: number } | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const kept = this.kept;
    if (kept && kept.until > this.now()) return kept.value;
    const value = this.load();
    const entry = { value, until: this.now() + this.ttlMs };
    this.kept = entry;
    value.catch(() => {
      if (this.kept === entry) this.kept = undefined;
    });
    return value;
  }

  clear(): void {
    this.kept = undefined;
  }
}
