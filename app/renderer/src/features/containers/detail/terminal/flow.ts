// Flow control between an exec stream and xterm.js.
//
// xterm parses asynchronously; write(data, callback) calls back once a chunk is parsed. We keep at
// most HIGH bytes in xterm's write buffer and hold the rest in our own queue until xterm drains to
// LOW. When our own queue grows past HIGH, backpressure() hands the stream a promise: the client
// acknowledges the batch only when it resolves, so the server (at most 8 × 64 KB in flight) stops
// reading the exec socket and the process blocks on its output — real flow control down to the
// container. The queue is still capped (oldest output dropped, with a visible note) as a last
// resort, and Ctrl-C drops everything queued so the prompt appears at once.

export interface Writer {
  write(data: Uint8Array | string, parsed: () => void): void;
}

export interface PumpOptions {
  high: number;
  low: number;
  /** Bytes we hold beyond xterm's buffer before dropping the oldest. */
  maxQueue: number;
}

export const defaultPumpOptions: PumpOptions = { high: 100 * 1024, low: 10 * 1024, maxQueue: 4 * 1024 * 1024 };

export function skippedNote(bytes: number, why: string): string {
  const kb = Math.max(1, Math.round(bytes / 1024));
  return `\r\n\x1b[0m\x1b[2m[Berth skipped ${kb.toLocaleString('en')} KB of output ${why}]\x1b[0m\r\n`;
}

export class OutputPump {
  private queue: Uint8Array[] = [];
  private head = 0;
  /** Bytes handed to xterm and not yet parsed. */
  pending = 0;
  /** Bytes waiting in our queue. */
  queued = 0;
  private paused = false;
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly writer: Writer,
    private readonly opts: PumpOptions = defaultPumpOptions,
  ) {}

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.queue.push(chunk);
    this.queued += chunk.length;
    if (this.queued > this.opts.maxQueue) this.dropOldest();
    this.pump();
  }

  /** A promise while our queue holds more than `high` bytes, resolved once it is under `low`. */
  backpressure(): Promise<void> | undefined {
    if (this.queued <= this.opts.high) return undefined;
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private checkDrained(): void {
    if (this.queued > this.opts.low || this.drainWaiters.length === 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /** Ctrl-C: drop what is still queued. Returns the bytes dropped. */
  interrupt(): number {
    const dropped = this.queued;
    if (dropped === 0) return 0;
    this.queue = [];
    this.head = 0;
    this.queued = 0;
    this.send(skippedNote(dropped, 'after Ctrl-C'));
    this.checkDrained();
    return dropped;
  }

  private dropOldest(): void {
    let dropped = 0;
    while (this.queued > this.opts.maxQueue / 2 && this.head < this.queue.length) {
      const c = this.queue[this.head++]!;
      this.queued -= c.length;
      dropped += c.length;
    }
    this.compact();
    if (dropped) this.send(skippedNote(dropped, 'that arrived faster than it could be drawn'));
  }

  private compact(): void {
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private send(data: Uint8Array | string): void {
    const n = data.length;
    this.pending += n;
    this.writer.write(data, () => {
      this.pending -= n;
      if (this.paused && this.pending <= this.opts.low) {
        this.paused = false;
        this.pump();
      }
    });
  }

  private pump(): void {
    if (this.paused) return;
    while (this.head < this.queue.length) {
      if (this.pending >= this.opts.high) {
        this.paused = true;
        this.checkDrained();
        return;
      }
      const c = this.queue[this.head++]!;
      this.queued -= c.length;
      this.send(c);
    }
    this.queue = [];
    this.head = 0;
    this.checkDrained();
  }
}
