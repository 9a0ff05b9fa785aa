import type { Kysely, Transaction } from 'kysely';
import type { DeskbellTables } from './schema';

/** The most jobs one transaction takes; more wait for the next one (a commit must not grow without bound). */
const MAX_BATCH = 256;

interface Pending<Job, Result> {
  job: Job;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: jobs that arrive while the database is busy (or in the same
 * tick) are written in one transaction, and each job's promise settles only
 * after that transaction has committed, so "acknowledged" still means
 * "stored". One commit (one WAL sync on SQLite, one round trip on PostgreSQL)
 * serves the whole group instead of one per message.
 *
 * `run` does one job inside the group's transaction and must leave the
 * transaction usable when the job is refused (a refusal is a result, not an
 * error). Should the transaction fail, each job of the group is tried again
 * alone, so one bad job never takes its neighbours' writes down with it and
 * every job gets its own answer; unless the database itself is away, when
 * every job is answered with that at once.
 */
export class GroupCommit<Job, Result> {
  private queue: Array<Pending<Job, Result>> = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly db: Kysely<DeskbellTables>,
    private readonly run: (trx: Transaction<DeskbellTables>, job: Job) => Promise<Result>,
    /**
     * What a job writes to (its chat). A group writes its jobs sorted by key, so row locks are always
     * taken in one order; and a key is in one group at a time, so jobs with the same key are written in
     * the order they arrived, even with several writers.
     */
    private readonly keyOf: (job: Job) => string = () => '',
    /** Groups written at once, each on its own connection (PostgreSQL's pool); SQLite has one connection. */
    private readonly concurrency = 1,
    /** Errors that are not any one job's doing (the database is unavailable): every job of the group gets it. */
    private readonly failsEveryone: (error: unknown) => boolean = () => false,
    /**
     * Writes a group's jobs in one transaction, all or nothing, answering each in order, in place of
     * `run` in a Kysely transaction (SQLite's store writes a whole group in one turn of the event loop).
     */
    private readonly writeTogether: (jobs: readonly Job[]) => Promise<Result[]> = (jobs) =>
      this.db.transaction().execute(async (trx) => {
        const done: Result[] = [];
        for (const job of jobs) done.push(await this.run(trx, job));
        return done;
      }),
  ) {}

  /** Keys some running group is writing to. */
  private readonly busyKeys = new Set<string>();

  submit(job: Job): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running >= this.concurrency || this.scheduled) return;
    this.scheduled = true;
    // Whatever else arrives in this tick joins the same group.
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running >= this.concurrency) return;
    this.running += 1;
    try {
      for (;;) {
        const group = this.takeGroup();
        if (group.length === 0) break;
        const keys = new Set(group.map((pending) => this.keyOf(pending.job)));
        for (const key of keys) this.busyKeys.add(key);
        if (this.queue.length > 0) this.schedule();
        try {
          await this.write(group);
        } finally {
          for (const key of keys) this.busyKeys.delete(key);
        }
      }
    } finally {
      this.running -= 1;
    }
  }

  /**
   * The next group: with several writers each takes a share of what waits, so groups run side by
   * side; jobs whose key another group is writing stay queued, in their order, for a later group.
   */
  private takeGroup(): Array<Pending<Job, Result>> {
    const share = Math.max(1, Math.ceil(this.queue.length / (this.concurrency - this.running + 1)));
    const group: Array<Pending<Job, Result>> = [];
    const left: Array<Pending<Job, Result>> = [];
    const taken = new Set<string>();
    const leftKeys = new Set<string>();
    for (const pending of this.queue) {
      const key = this.keyOf(pending.job);
      // A key's jobs stay together: once one of them waits, the later ones wait too.
      const free = !this.busyKeys.has(key) && !leftKeys.has(key);
      if (free && group.length < MAX_BATCH && (group.length < share || taken.has(key))) {
        group.push(pending);
        taken.add(key);
      } else {
        left.push(pending);
        leftKeys.add(key);
      }
    }
    this.queue = left;
    return group;
  }

  private async write(group: Array<Pending<Job, Result>>): Promise<void> {
    // A stable sort: jobs for the same key keep the order they arrived in.
    const ordered = [...group].sort((a, b) => compareKeys(this.keyOf(a.job), this.keyOf(b.job)));
    try {
      const results = await this.writeTogether(ordered.map((pending) => pending.job));
      ordered.forEach((pending, index) => pending.resolve(results[index] as Result));
    } catch (error) {
      // The database itself is away (or one job alone): nothing is gained by trying each job again,
      // and one at a time against a host that does not answer would take a connect timeout each.
      if (ordered.length === 1 || this.failsEveryone(error)) {
        for (const pending of ordered) pending.reject(error);
        return;
      }
      for (const pending of ordered) {
        try {
          const [result] = await this.writeTogether([pending.job]);
          pending.resolve(result as Result);
        } catch (alone) {
          pending.reject(alone);
        }
      }
    }
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
