/**
 * Group commit: writes submitted while the previous batch commits (or in the same turn of the
 * event loop) share one transaction. Each submission resolves only after the transaction that
 * holds it committed, so every acknowledged write is durable, and a busy server pays one commit
 * per batch instead of one per write. Shared by the adapters; each supplies its transaction.
 */

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Commits items in batches; see the module comment. */
export class GroupCommit<T> {
  readonly #commit: (items: readonly T[]) => Promise<void>;
  readonly #onCommitted: ((size: number, seconds: number) => void) | undefined;
  #queue: Pending<T>[] = [];
  #flushing: Promise<void> | null = null;

  /**
   * @param commit Writes `items` in one transaction and resolves once it committed; rejects (and
   *   rolls back) when any of them fails. A failed batch is retried one item per transaction,
   *   so one bad write fails alone.
   * @param onCommitted Told the size and duration (seconds) of each batch that committed whole.
   */
  constructor(
    commit: (items: readonly T[]) => Promise<void>,
    onCommitted?: (size: number, seconds: number) => void,
  ) {
    this.#commit = commit;
    this.#onCommitted = onCommitted;
  }

  /** Queues `item` for the next batch; resolves once the batch holding it committed. */
  submit(item: T): Promise<void> {
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

  async #commitBatch(batch: Pending<T>[]): Promise<void> {
    try {
      const started = performance.now();
      await this.#commit(batch.map((pending) => pending.item));
      this.#onCommitted?.(batch.length, (performance.now() - started) / 1000);
      for (const pending of batch) pending.resolve();
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
    }
    for (const pending of batch) {
      try {
        await this.#commit([pending.item]);
        pending.resolve();
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}
