import type { Kysely, Transaction } from 'kysely';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../server/storage/group-commit';
import type { DeskbellTables } from '../../server/storage/schema';

/**
 * A database that only knows transactions: each one runs its callback on a
 * marker "transaction" and commits when `commit` is called (or at once).
 */
class FakeDatabase {
  transactions: string[][] = [];
  private commits: Array<() => void> = [];
  constructor(private readonly manualCommit = false) {}

  transaction() {
    return {
      execute: async <T>(work: (trx: Transaction<DeskbellTables>) => Promise<T>): Promise<T> => {
        const written: string[] = [];
        this.transactions.push(written);
        const result = await work(written as unknown as Transaction<DeskbellTables>);
        if (this.manualCommit) await new Promise<void>((resolve) => this.commits.push(resolve));
        return result;
      },
    };
  }

  commitAll(): void {
    const commits = this.commits;
    this.commits = [];
    for (const commit of commits) commit();
  }

  asKysely(): Kysely<DeskbellTables> {
    return this as unknown as Kysely<DeskbellTables>;
  }
}

const write = async (trx: Transaction<DeskbellTables>, job: string) => {
  if (job.startsWith('bad')) throw new Error(`cannot write ${job}`);
  (trx as unknown as string[]).push(job);
  return `stored ${job}`;
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes the jobs of one tick in one transaction and answers each with its own result', async () => {
    const db = new FakeDatabase();
    const groups = new GroupCommit(db.asKysely(), write);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((job) => groups.submit(job)));
    expect(results).toEqual(['stored a', 'stored b', 'stored c', 'stored d']);
    expect(db.transactions).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('answers nobody before the group has committed', async () => {
    const db = new FakeDatabase(true);
    const groups = new GroupCommit(db.asKysely(), write);
    const settled: string[] = [];
    const pending = ['a', 'b'].map((job) => groups.submit(job).then((result) => settled.push(result)));
    await tick();
    await tick();
    expect(db.transactions).toEqual([['a', 'b']]);
    expect(settled).toEqual([]);
    db.commitAll();
    await Promise.all(pending);
    expect(settled).toEqual(['stored a', 'stored b']);
  });

  it('jobs that arrive while a group is being written make the next group', async () => {
    const db = new FakeDatabase(true);
    const groups = new GroupCommit(db.asKysely(), write);
    const first = groups.submit('a');
    await tick();
    await tick();
    const later = [groups.submit('b'), groups.submit('c')];
    await tick();
    expect(db.transactions).toEqual([['a']]);
    db.commitAll();
    await first;
    await tick();
    await tick();
    expect(db.transactions).toEqual([['a'], ['b', 'c']]);
    db.commitAll();
    expect(await Promise.all(later)).toEqual(['stored b', 'stored c']);
  });

  it('a job that fails takes only itself down: its group is written again job by job', async () => {
    const db = new FakeDatabase();
    const groups = new GroupCommit(db.asKysely(), write);
    const outcomes = await Promise.allSettled(['a', 'bad-b', 'c'].map((job) => groups.submit(job)));
    expect(
      outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : String(outcome.reason))),
    ).toEqual(['stored a', 'Error: cannot write bad-b', 'stored c']);
    // The failed group (rolled back as a whole), then each job alone.
    expect(db.transactions.slice(1)).toEqual([['a'], [], ['c']]);
  });

  it('writes a group in the order given, keeping arrival order among equals', async () => {
    const db = new FakeDatabase();
    const groups = new GroupCommit(db.asKysely(), write, (job) => job.charAt(0));
    await Promise.all(['b1', 'a1', 'b2', 'a2', 'c1', 'a3'].map((job) => groups.submit(job)));
    expect(db.transactions).toEqual([['a1', 'a2', 'a3', 'b1', 'b2', 'c1']]);
  });

  it('with two writers, a key being written waits for its group: one chat is never in two groups at once', async () => {
    const db = new FakeDatabase(true);
    const groups = new GroupCommit(db.asKysely(), write, (job) => job.charAt(0), 2);
    const first = groups.submit('a1');
    await tick();
    await tick();
    const waiting = ['a2', 'b1', 'a3', 'b2'].map((job) => groups.submit(job));
    await tick();
    await tick();
    // 'a' is being written: the second writer takes only b's jobs; a2 and a3 wait for a1's group.
    expect(db.transactions).toEqual([['a1'], ['b1', 'b2']]);
    db.commitAll();
    await first;
    await tick();
    await tick();
    expect(db.transactions.slice(2)).toEqual([['a2', 'a3']]);
    db.commitAll();
    await tick();
    db.commitAll();
    expect(await Promise.all(waiting)).toEqual(['stored a2', 'stored b1', 'stored a3', 'stored b2']);
  });

  it('with two writers, what waits is split between two groups written side by side', async () => {
    const db = new FakeDatabase(true);
    const groups = new GroupCommit(db.asKysely(), write, (job) => job, 2);
    const first = groups.submit('a');
    await tick();
    await tick();
    const waiting = ['b', 'c', 'd', 'e'].map((job) => groups.submit(job));
    await tick();
    await tick();
    // 'a' holds one writer; the other takes everything that waits.
    expect(db.transactions).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    db.commitAll();
    await first;
    expect(await Promise.all(waiting)).toEqual(['stored b', 'stored c', 'stored d', 'stored e']);
  });
});
