import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommit } from '../../src/vault/group-commit.js';

/** A commit function that records each batch it was given and fails for `bad` items. */
function recorder(bad: ReadonlySet<string> = new Set()) {
  const batches: string[][] = [];
  const commit = (items: readonly string[]): Promise<string[]> => {
    batches.push([...items]);
    return items.some((item) => bad.has(item))
      ? Promise.reject(new Error('constraint failed'))
      : Promise.resolve(items.map((item) => `stored ${item}`));
  };
  return { batches, commit };
}

describe('GroupCommit', () => {
  it('commits what is submitted in one turn of the event loop as one batch', async () => {
    const { batches, commit } = recorder();
    const group = new GroupCommit(commit);
    await Promise.all(Array.from({ length: 50 }, (_, i) => group.submit(`item${String(i)}`)));
    assert.equal(batches.length, 1, `expected one commit, got ${String(batches.length)}`);
    assert.equal(batches[0]?.length, 50);
  });

  it("gives each submission its own item's result from the batch", async () => {
    const { commit } = recorder();
    const group = new GroupCommit(commit);
    const results = await Promise.all(['a', 'b', 'c'].map((item) => group.submit(item)));
    assert.deepEqual(results, ['stored a', 'stored b', 'stored c']);
  });

  it('resolves a submission only after the batch holding it committed', async () => {
    let release: () => void = () => undefined;
    const committed: string[] = [];
    const group = new GroupCommit<string>(
      (items) =>
        new Promise((resolve) => {
          release = () => {
            committed.push(...items);
            resolve([]);
          };
        }),
    );
    let settled = false;
    const submitted = group.submit('a').then(() => {
      settled = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false, 'resolved before the commit finished');
    release();
    await submitted;
    assert.deepEqual(committed, ['a']);
  });

  it('batches what arrives while a commit runs into the next commit', async () => {
    const batches: string[][] = [];
    let first = true;
    let releaseFirst: () => void = () => undefined;
    const group = new GroupCommit<string>((items) => {
      batches.push([...items]);
      if (!first) return Promise.resolve([]);
      first = false;
      return new Promise((resolve) => {
        releaseFirst = () => {
          resolve([]);
        };
      });
    });
    const one = group.submit('first');
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['b', 'c', 'd'].map((item) => group.submit(item));
    releaseFirst();
    await Promise.all([one, ...later]);
    assert.deepEqual(batches, [['first'], ['b', 'c', 'd']]);
  });

  it('fails a bad item alone: the rest of its batch is committed one by one', async () => {
    const { batches, commit } = recorder(new Set(['bad']));
    const group = new GroupCommit(commit);
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((item) => group.submit(item)));
    assert.deepEqual(
      results.map((result) => (result.status === 'fulfilled' ? result.value : result.status)),
      ['stored a', 'rejected', 'stored c'],
    );
    assert.deepEqual(batches, [['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('flushes what is queued on demand, and never strands a late submission', async () => {
    const { batches, commit } = recorder();
    const group = new GroupCommit(commit);
    const pending = group.submit('x');
    await group.flush();
    await pending;
    assert.deepEqual(batches, [['x']]);
    // Submitted from the continuation of a resolved submission, as a request handler would.
    const chained = group.submit('y').then(() => Promise.resolve().then(() => group.submit('z')));
    await chained;
    assert.deepEqual(batches, [['x'], ['y'], ['z']]);
  });
});
