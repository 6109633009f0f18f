// Group commit: what is submitted during a commit waits for the next one, a failed commit fails
// exactly its own items, and batches never exceed their limit.
import { expect } from 'chai';
import { GroupCommit } from '../../../src/persistence/text-conference/group-commit.js';

/** A commit function whose commits the test finishes by hand. */
function manualCommits(): { commits: number[][]; finish(error?: Error): void; commit(items: readonly number[]): Promise<void> } {
  const commits: number[][] = [];
  const pending: { resolve(): void; reject(error: Error): void }[] = [];
  return {
    commits,
    finish(error) {
      const next = pending.shift();
      if (error === undefined) next?.resolve();
      else next?.reject(error);
    },
    commit(items) {
      commits.push([...items]);
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('commits a lone item at once, and what arrives meanwhile together in the next commit', async () => {
    const manual = manualCommits();
    const group = new GroupCommit<number>((items) => manual.commit(items), 100);
    const settled: number[] = [];
    const first = group.submit(1).then(() => settled.push(1));
    const rest = [2, 3, 4].map((item) => group.submit(item).then(() => settled.push(item)));
    await tick();
    expect(manual.commits).to.deep.equal([[1]]);
    expect(group.pending).to.equal(3);
    manual.finish();
    await first;
    await tick();
    expect(settled).to.deep.equal([1]);
    expect(manual.commits).to.deep.equal([[1], [2, 3, 4]]);
    manual.finish();
    await Promise.all(rest);
    expect(settled).to.deep.equal([1, 2, 3, 4]);
    expect(group.isIdle).to.equal(true);
  });

  it('rejects the items of a failed commit only, and carries on with the next', async () => {
    const manual = manualCommits();
    const group = new GroupCommit<number>((items) => manual.commit(items), 100);
    const first = group.submit(1);
    const second = group.submit(2);
    await tick();
    manual.finish(new Error('connection lost'));
    expect(await first.then(() => 'committed', (error: unknown) => (error as Error).message)).to.equal('connection lost');
    await tick();
    manual.finish();
    expect(await second.then(() => 'committed')).to.equal('committed');
  });

  it('never puts more than maxBatch items in one commit', async () => {
    const manual = manualCommits();
    const group = new GroupCommit<number>((items) => manual.commit(items), 2);
    const all = [1, 2, 3, 4, 5].map((item) => group.submit(item));
    for (let round = 0; round < 4; round += 1) {
      await tick();
      manual.finish();
    }
    await Promise.all(all);
    expect(manual.commits).to.deep.equal([[1], [2, 3], [4, 5]]);
    expect(() => new GroupCommit<number>(() => Promise.resolve(), 0)).to.throw(RangeError);
  });
});
