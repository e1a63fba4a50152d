/**
 * Group commit: writes submitted while the previous batch commits (or in the same turn of the
 * event loop) share one transaction. Each submission resolves only after the transaction that
 * holds it committed, so every acknowledged write is durable, and a busy server pays one commit
 * per batch instead of one per write. Shared by the adapters; each supplies its transaction.
 */

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Commits items in batches; see the module comment. `R` is what each item's write gave. */
export class GroupCommit<T, R = void> {
  readonly #commit: (items: readonly T[]) => Promise<R[]>;
  readonly #onCommitted: ((size: number, seconds: number) => void) | undefined;
  #queue: Pending<T, R>[] = [];
  #flushing: Promise<void> | null = null;

  /**
   * @param commit Writes `items` in one transaction and resolves, once it committed, with each
   *   item's result in order; rejects (and rolls back) when any of them fails. A failed batch is
   *   retried one item per transaction, so one bad write fails alone.
   * @param onCommitted Told the size and duration (seconds) of each batch that committed whole.
   */
  constructor(
    commit: (items: readonly T[]) => Promise<R[]>,
    onCommitted?: (size: number, seconds: number) => void,
  ) {
    this.#commit = commit;
    this.#onCommitted = onCommitted;
  }

  /** Queues `item` for the next batch; resolves with its result once its batch committed. */
  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#queue.length === 1 && !this.#flushing) {
        setImmediate(() => {
          void this.flush();
        });
      }
    });
  }

  /** Commits everything queued so far (and what arrives meanwhile); resolves when done. */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
    if (this.#queue.length === 0) return;
    this.#flushing = this.#drain();
    try {
      await this.#flushing;
    } finally {
      this.#flushing = null;
      // Something submitted after the last batch was taken but before this point would
      // otherwise wait for a flush nobody schedules.
      if (this.#queue.length > 0) {
        setImmediate(() => {
          void this.flush();
        });
      }
    }
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      await this.#commitBatch(batch);
    }
  }

  async #commitBatch(batch: Pending<T, R>[]): Promise<void> {
    try {
      const started = performance.now();
      const results = await this.#commit(batch.map((pending) => pending.item));
      this.#onCommitted?.(batch.length, (performance.now() - started) / 1000);
      batch.forEach((pending, i) => {
        pending.resolve(results[i] as R);
      });
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
    }
    for (const pending of batch) {
      try {
        const [result] = await this.#commit([pending.item]);
        pending.resolve(result as R);
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}
