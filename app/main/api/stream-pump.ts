// Moves one subscription's items to the client: batched (one frame per BATCH_MS or BATCH_BYTES),
// windowed (at most WINDOW_BATCHES unacknowledged), held while the transport is congested (so a
// client that acknowledges without reading its socket cannot grow server memory), cancelled by abort.
// Bytes and other items never share a batch (frames.ts: a batch of bytes is one binary message),
// and neighbouring bytes of the same channel are joined into one item. Bytes count exactly as
// other items against the batch size, the window and the transport's limit. A latest-only stream
// (each item the whole state: runLatest) has one frame in flight and pulls only when it may send,
// so a slow client gets the newest state, not every one in between.
import {
  BATCH_BYTES,
  BATCH_MS,
  isBytesItem,
  WINDOW_BATCHES,
  type BytesItem,
  type ServerFrame,
} from '../../shared/contract';
import { noBackpressure, type Flow } from './flow';

/** A cheap size estimate, so batching does not serialize every item twice. */
export function estimateSize(item: unknown): number {
  if (typeof item === 'string') return item.length + 8;
  if (item && typeof item === 'object') {
    if (isBytesItem(item)) return item.data.length + 8;
    const o = item as { text?: unknown; data?: unknown };
    if (typeof o.text === 'string') return o.text.length + 48;
    if (typeof o.data === 'string') return o.data.length + 32;
  }
  return 256;
}

/** Joins neighbouring bytes items of the same channel into one (one copy), keeping their order. */
export function joinBytes(items: BytesItem[]): BytesItem[] {
  const out: BytesItem[] = [];
  for (let i = 0; i < items.length;) {
    const stderr = !!items[i]!.stderr;
    let j = i;
    let size = 0;
    for (; j < items.length && !!items[j]!.stderr === stderr; j++) size += items[j]!.data.length;
    if (j - i === 1) out.push(items[i]!);
    else {
      const data = new Uint8Array(size);
      for (let k = i, at = 0; k < j; at += items[k]!.data.length, k++) data.set(items[k]!.data, at);
      out.push(stderr ? { type: 'bytes', data, stderr: true } : { type: 'bytes', data });
    }
    i = j;
  }
  return out;
}

export class StreamPump {
  private seq = 0;
  private acked = 0;
  private batch: unknown[] = [];
  /** Whether the batch holds bytes items (then only those). */
  private batchOfBytes = false;
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastSent = -Infinity;
  private windowWaiter: (() => void) | undefined;
  private drainAwaited = false;
  private readonly aborted: Promise<void>;
  /** Frames that may be unacknowledged (1 for a latest-only stream). */
  private window = WINDOW_BATCHES;

  constructor(
    private readonly id: number,
    private readonly send: (f: ServerFrame) => void,
    private readonly signal: AbortSignal,
    private readonly flow: Flow = noBackpressure,
  ) {
    this.aborted = new Promise((resolve) =>
      signal.addEventListener(
        'abort',
        () => {
          this.windowWaiter?.();
          resolve();
        },
        { once: true },
      ),
    );
  }

  get inFlight(): number {
    return this.seq - this.acked;
  }

  ack(seq: number): void {
    if (seq > this.acked && seq <= this.seq) this.acked = seq;
    if (this.inFlight >= this.window) return;
    const w = this.windowWaiter;
    this.windowWaiter = undefined;
    w?.();
    // A batch held by the full window goes out now, also while the source is quiet (a followed log
    // whose last lines arrived while the window was full would otherwise wait for the next line).
    if (this.batch.length && !this.timer && !this.immediate) this.flush();
  }

  /** Pulls from `items` until it ends or the signal aborts; then sends `end`. */
  async run(items: AsyncIterable<unknown>, batched = false): Promise<void> {
    const it = items[Symbol.asyncIterator]();
    try {
      while (!this.signal.aborted) {
        if (this.bytes >= BATCH_BYTES) {
          this.flush();
          while (this.bytes >= BATCH_BYTES && !this.signal.aborted) {
            await this.canSend();
            this.flush();
          }
        }
        const r = await it.next();
        if (r.done || this.signal.aborted) break;
        for (const v of batched ? (r.value as unknown[]) : [r.value]) {
          const ofBytes = isBytesItem(v);
          // A batch is all bytes or none: the other kind waits until this batch has gone.
          if (this.batch.length && ofBytes !== this.batchOfBytes) await this.sendAll();
          if (this.signal.aborted) break;
          this.batchOfBytes = ofBytes;
          this.batch.push(v);
          this.bytes += estimateSize(v);
        }
        this.schedule();
      }
      if (!this.signal.aborted) {
        await this.sendAll();
        if (!this.signal.aborted) this.send({ t: 'end', id: this.id });
      }
    } finally {
      clearTimeout(this.timer);
      if (this.immediate) clearImmediate(this.immediate);
      if (this.signal.aborted) void it.return?.();
    }
  }

  /**
   * For a source whose every item is the whole state (a latest-only source such as LatestQueue): one
   * item per frame, one frame unacknowledged, and the next item pulled only once it may go, so while
   * the client is slow the source keeps only the newest state and the client gets that one. The
   * source's end is seen once the last state is acknowledged (every client acknowledges each frame).
   */
  async runLatest(items: AsyncIterable<unknown>): Promise<void> {
    this.window = 1;
    const it = items[Symbol.asyncIterator]();
    try {
      while (!this.signal.aborted) {
        await this.canSend();
        if (this.signal.aborted) break;
        const r = await it.next();
        if (r.done || this.signal.aborted) break;
        this.lastSent = performance.now();
        this.send({ t: 'data', id: this.id, seq: ++this.seq, items: [r.value] });
      }
      if (!this.signal.aborted) this.send({ t: 'end', id: this.id });
    } finally {
      if (this.signal.aborted) void it.return?.();
    }
  }

  /**
   * At most one frame per BATCH_MS, but the first after a quiet spell goes out at once (on the
   * next turn of the event loop, so what arrives together still travels together): a keystroke's
   * echo in a terminal is not held back by the batching that a log flood needs.
   */
  private schedule(): void {
    if (this.timer || this.immediate || this.bytes >= BATCH_BYTES) return;
    const since = performance.now() - this.lastSent;
    if (since >= BATCH_MS) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), BATCH_MS - since);
  }

  private open(): boolean {
    return this.inFlight < this.window && !this.flow.congested();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
    if (!this.batch.length || this.signal.aborted) return;
    if (!this.open()) {
      // Held by congestion (not by the window, whose ack flushes): try again once the transport drains.
      if (this.inFlight < this.window && !this.drainAwaited) {
        this.drainAwaited = true;
        void this.flow.drained().then(() => {
          this.drainAwaited = false;
          if (this.batch.length && !this.timer && !this.immediate) this.flush();
        });
      }
      return;
    }
    const items = this.batchOfBytes ? joinBytes(this.batch as BytesItem[]) : this.batch;
    this.batch = [];
    this.bytes = 0;
    this.lastSent = performance.now();
    this.send({ t: 'data', id: this.id, seq: ++this.seq, items });
  }

  /** Sends the whole batch, waiting for the window and the transport as needed. */
  private async sendAll(): Promise<void> {
    while (this.batch.length && !this.signal.aborted) {
      this.flush();
      if (this.batch.length) await this.canSend();
    }
  }

  /** Waits until a frame may go out: the window has room and the transport is not congested. */
  private async canSend(): Promise<void> {
    while (!this.open() && !this.signal.aborted) {
      if (this.inFlight >= this.window) await new Promise<void>((resolve) => (this.windowWaiter = resolve));
      else await Promise.race([this.flow.drained(), this.aborted]);
    }
  }
}
