// Interleaving log lines of several containers by timestamp: a sortable key for the engine's
// RFC 3339 timestamps, a stable merge for history, and a short reorder window for live lines.

/** A key that sorts like the time: UTC, the fraction padded to nine digits. Lines without a time sort first. */
export function tsKey(ts: string | undefined): string {
  if (!ts) return '';
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!m) return ts;
  const frac = (m[2] ?? '').padEnd(9, '0');
  if (m[3] === 'Z') return `${m[1]}.${frac}Z`;
  // An offset: convert the seconds to UTC, keep the fraction.
  const utc = new Date(`${m[1]}${m[3]}`).toISOString().slice(0, 19);
  return `${utc}.${frac}Z`;
}

/** Merges lines from several sources into one list ordered by time; equal times keep source order. */
export function mergeByTimestamp<T extends { ts?: string }>(sources: readonly (readonly T[])[]): T[] {
  const keyed = sources.flatMap((lines, s) => lines.map((line, i) => ({ line, key: tsKey(line.ts), s, i })));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.s - b.s || a.i - b.i));
  return keyed.map((k) => k.line);
}

/**
 * Collects live lines from several streams and releases them in time order every `windowMs`, so
 * lines that arrive from different containers within the window come out interleaved correctly.
 * `push` resolves once the consumer has room (backpressure for the log readers).
 */
export class ReorderWindow<T extends { ts?: string }> {
  private pending: T[] = [];
  private ready: T[][] = [];
  private readyCount = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiter: ((batch: T[] | undefined) => void) | undefined;
  private roomWaiters: (() => void)[] = [];
  private closed = false;

  constructor(
    private readonly windowMs = 150,
    private readonly highWater = 50_000,
  ) {}

  async push(items: readonly T[]): Promise<void> {
    if (this.closed || items.length === 0) return;
    this.pending.push(...items);
    this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    if (this.readyCount + this.pending.length > this.highWater)
      await new Promise<void>((r) => this.roomWaiters.push(r));
  }

  /** Moves the pending lines, sorted, to the consumer. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.length) return;
    const batch = mergeByTimestamp([this.pending]);
    this.pending = [];
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(batch);
    } else {
      this.ready.push(batch);
      this.readyCount += batch.length;
    }
  }

  /** The next sorted batch, or undefined once closed and drained. */
  next(): Promise<T[] | undefined> {
    const batch = this.ready.shift();
    if (batch) {
      this.readyCount -= batch.length;
      if (this.readyCount + this.pending.length <= this.highWater) this.releaseRoom();
      return Promise.resolve(batch);
    }
    if (this.closed) return Promise.resolve(undefined);
    this.releaseRoom();
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /** Its batches until it is closed and drained; `signal` aborting closes it, as does leaving the loop. */
  async *drain(signal?: AbortSignal): AsyncGenerator<T[]> {
    const onAbort = () => this.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const batch = await this.next();
        if (!batch) return;
        yield batch;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.close();
    }
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.releaseRoom();
    const w = this.waiter;
    this.waiter = undefined;
    w?.(undefined);
  }

  private releaseRoom(): void {
    const ws = this.roomWaiters;
    this.roomWaiters = [];
    for (const r of ws) r();
  }
}
