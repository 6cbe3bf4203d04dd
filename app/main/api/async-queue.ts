// Turns push-style listeners (events, task updates, state changes) into a bounded AsyncIterable.
// A consumer that falls more than `limit` items behind ends the stream with an error instead of
// letting memory grow; the client then resubscribes and refetches.
import { BerthError } from '../../shared/errors';

export class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private failed: ((e: unknown) => void) | undefined;
  private done = false;
  private error: unknown;

  constructor(
    private readonly limit = 10_000,
    private readonly onClose?: () => void,
  ) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = this.failed = undefined;
      w({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.limit) {
      this.fail(
        new BerthError({
          kind: 'internal',
          message: 'The stream fell too far behind and was stopped. Reopen the view to continue.',
        }),
      );
      return;
    }
    this.items.push(item);
  }

  end(): void {
    if (this.done) return;
    this.done = true;
    this.onClose?.();
    if (this.waiting && this.items.length === 0) {
      const w = this.waiting;
      this.waiting = this.failed = undefined;
      w({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.done) return;
    this.error = error;
    this.items = [];
    this.done = true;
    this.onClose?.();
    const f = this.failed;
    this.waiting = this.failed = undefined;
    f?.(error);
  }

  get size(): number {
    return this.items.length;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.error !== undefined) return Promise.reject(this.error);
        if (this.done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failed = reject;
        });
      },
      return: () => {
        this.end();
        this.items = [];
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
