// Group commit: items submitted while a commit is in flight wait and go together in the next
// one, so under load many items share one round trip, and alone an item waits for none.
// Each submitter's promise settles with the commit that carried its item.

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T> {
  private waiting: Waiting<T>[] = [];
  private isCommitting = false;

  constructor(private readonly commit: (items: readonly T[]) => Promise<void>, private readonly maxBatch: number) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError('maxBatch must be a positive integer');
  }

  /** Items waiting for a commit to start. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Nothing waiting and nothing being committed. */
  get isIdle(): boolean {
    return !this.isCommitting && this.waiting.length === 0;
  }

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.isCommitting) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.isCommitting = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        await this.commit(batch.map((waiting) => waiting.item));
        for (const waiting of batch) waiting.resolve();
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.isCommitting = false;
  }
}
