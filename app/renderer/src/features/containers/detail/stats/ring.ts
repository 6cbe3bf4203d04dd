// A fixed-capacity ring of numeric records (one Float64Array per field): constant memory per
// container however long the app runs.

export class RingBuffer<F extends string> {
  private cols: Record<F, Float64Array>;
  private head = 0;
  private n = 0;
  /** Increments on every push. */
  version = 0;

  constructor(
    readonly fields: readonly F[],
    readonly capacity: number,
  ) {
    this.cols = Object.fromEntries(fields.map((f) => [f, new Float64Array(capacity)])) as Record<F, Float64Array>;
  }

  get size(): number {
    return this.n;
  }

  push(rec: Record<F, number>): void {
    const at = (this.head + this.n) % this.capacity;
    for (const f of this.fields) this.cols[f][at] = rec[f];
    if (this.n < this.capacity) this.n++;
    else this.head = (this.head + 1) % this.capacity;
    this.version++;
  }

  /** Field of the i-th record, 0 = oldest. */
  get(i: number, f: F): number {
    return this.cols[f][(this.head + i) % this.capacity]!;
  }

  last(f: F): number | undefined {
    return this.n ? this.get(this.n - 1, f) : undefined;
  }

  /** Drops records from the front while pred holds (e.g. older than the window). */
  dropWhile(pred: (i: number) => boolean): void {
    while (this.n > 0 && pred(0)) {
      this.head = (this.head + 1) % this.capacity;
      this.n--;
    }
  }

  max(f: F, from = 0): number {
    let m = 0;
    for (let i = from; i < this.n; i++) {
      const v = this.get(i, f);
      if (v > m) m = v; // NaN (unknown) never wins
    }
    return m;
  }

  clear(): void {
    this.head = 0;
    this.n = 0;
    this.version++;
  }
}
