// One stream's input on the server: validated messages wait here, in order, until the stream's
// source is ready (a terminal's keystrokes typed while its exec starts), and while the source is
// taking the one before (an input whose delivery returns a promise, e.g. a write that waits for the
// exec socket to drain). What waits is bounded by MAX_QUEUED_INPUT_BYTES; beyond it an input is
// refused with a sentence, never buffered without end.
import { isBytesItem } from '../../shared/contract';
import type { ErrorInfo } from '../../shared/errors';
import { inputBacklogSentence, MAX_QUEUED_INPUT_BYTES } from './limits';

export type InputTarget<I> = (msg: I) => void | Promise<void>;

/** What an input counts against the limit: its bytes, or a small fixed size for a control message. */
export function inputSize(msg: unknown): number {
  return isBytesItem(msg) ? msg.data.length : 64;
}

export class StreamInput<I> {
  private queue: { msg: I; size: number }[] = [];
  private queuedBytes = 0;
  private busy = false;
  private target: InputTarget<I> | undefined;
  private closed = false;

  constructor(
    private readonly fail: (error: ErrorInfo) => void,
    private readonly describe: (err: unknown) => ErrorInfo,
    private readonly limit = MAX_QUEUED_INPUT_BYTES,
  ) {}

  /** Bytes waiting now. */
  get waiting(): number {
    return this.queuedBytes;
  }

  /** The source is ready: what waited goes to it, in order, and so does everything after. */
  open(target: InputTarget<I>): void {
    if (this.closed) return;
    this.target = target;
    this.drain();
  }

  /** Takes one validated input: passed on at once when nothing waits, else queued (or refused when full). */
  push(msg: I): void {
    if (this.closed) return;
    const size = inputSize(msg);
    if (this.target && !this.busy && !this.queue.length) return this.deliver(msg);
    if (this.queuedBytes + size > this.limit)
      return this.fail({ kind: 'unavailable', message: inputBacklogSentence() });
    this.queue.push({ msg, size });
    this.queuedBytes += size;
  }

  close(): void {
    this.closed = true;
    this.target = undefined;
    this.queue = [];
    this.queuedBytes = 0;
  }

  private deliver(msg: I): void {
    let taken: void | Promise<void>;
    try {
      taken = this.target!(msg);
    } catch (err) {
      return this.fail(this.describe(err));
    }
    if (!taken) return;
    this.busy = true;
    taken.then(
      () => this.next(),
      (err: unknown) => {
        if (!this.closed) this.fail(this.describe(err));
        this.next();
      },
    );
  }

  private next(): void {
    this.busy = false;
    this.drain();
  }

  private drain(): void {
    while (this.target && !this.busy && this.queue.length && !this.closed) {
      const { msg, size } = this.queue.shift()!;
      this.queuedBytes -= size;
      this.deliver(msg);
    }
  }
}
