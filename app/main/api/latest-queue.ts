// A stream of whole states (a list sent again on every change) that keeps only the newest: a push
// while the consumer is busy replaces the one waiting, so a slow consumer gets the latest state and
// memory holds one item, however many changes come. The pump sends it with runLatest.

export class LatestQueue<T> implements AsyncIterable<T> {
  private pending: { value: T } | undefined;
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private done = false;

  constructor(private readonly onClose?: () => void) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: item, done: false });
      return;
    }
    this.pending = { value: item };
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.onClose?.();
    if (this.waiting && !this.pending) {
      const w = this.waiting;
      this.waiting = undefined;
      w({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const p = this.pending;
        if (p) {
          this.pending = undefined;
          return Promise.resolve({ value: p.value, done: false });
        }
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
      return: () => {
        this.end();
        this.pending = undefined;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
